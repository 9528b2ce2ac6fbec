package org.cartrial.infusion.infusion.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTProduct;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InfusionCourseTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    /** Late evening in UTC: the clinical date is the UTC date of the infusion. */
    private static final Instant CD19_AT = Instant.parse("2026-11-30T23:30:00Z");
    private static final Instant CD22_AT = Instant.parse("2027-01-15T09:00:00Z");

    private AggregateTestFixture<InfusionCourse> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(InfusionCourse.class);
        fixture.registerInjectableResource(InfusionSettings.PROTOCOL_1_0);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RecordCarTInfusion infuse(CarTProduct product, Instant at, String dose) {
        return new RecordCarTInfusion("S01-0001", "S01", product, at, new BigDecimal(dose), new BigDecimal("24.5"),
                "LOT-" + product);
    }

    private static CarTInfused infused(CarTProduct product, Instant at, String dose) {
        return new CarTInfused("S01-0001", "S01", LocalDate.ofInstant(at, ZoneOffset.UTC), NOW, product, at,
                new BigDecimal(dose), new BigDecimal("24.5"), "LOT-" + product, "1.0");
    }

    @Test
    void a_cd19_infusion_is_recorded_with_its_utc_date_and_protocol_version() {
        fixture.givenNoPriorActivity()
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CarTInfused("S01-0001", "S01", LocalDate.of(2026, 11, 30), NOW, CarTProduct.CD19,
                        CD19_AT, new BigDecimal("2.7"), new BigDecimal("24.5"), "LOT-CD19", "1.0"))
                .expectResultMessagePayload(infused(CarTProduct.CD19, CD19_AT, "2.7"));
    }

    @ParameterizedTest(name = "dose {0} x10^6/kg is accepted")
    @ValueSource(strings = {"0.5", "0.50", "5.0", "5"})
    void dose_bounds_are_inclusive(String dose) {
        fixture.givenNoPriorActivity()
                .when(infuse(CarTProduct.CD19, CD19_AT, dose))
                .expectEvents(infused(CarTProduct.CD19, CD19_AT, dose));
    }

    @ParameterizedTest(name = "dose {0} x10^6/kg is refused")
    @ValueSource(strings = {"0.49", "5.01"})
    void a_dose_outside_the_range_is_refused(String dose) {
        fixture.givenNoPriorActivity()
                .when(infuse(CarTProduct.CD19, CD19_AT, dose))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "dose-out-of-range", "dose10e6CellsPerKg"))
                .expectNoEvents();
    }

    @Test
    void cd22_before_cd19_is_refused() {
        fixture.givenNoPriorActivity()
                .when(infuse(CarTProduct.CD22, CD22_AT, "2.2"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "cd19-not-given", "product"))
                .expectNoEvents();
    }

    @Test
    void cd22_after_cd19_is_recorded() {
        fixture.given(infused(CarTProduct.CD19, CD19_AT, "2.7"))
                .when(infuse(CarTProduct.CD22, CD22_AT, "2.2"))
                .expectEvents(infused(CarTProduct.CD22, CD22_AT, "2.2"));
    }

    @Test
    void a_second_cd19_infusion_is_a_conflict() {
        fixture.given(infused(CarTProduct.CD19, CD19_AT, "2.7"))
                .when(infuse(CarTProduct.CD19, CD22_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "already-infused", null))
                .expectNoEvents();
    }

    @Test
    void a_second_cd22_infusion_is_a_conflict() {
        fixture.given(infused(CarTProduct.CD19, CD19_AT, "2.7"), infused(CarTProduct.CD22, CD22_AT, "2.2"))
                .when(infuse(CarTProduct.CD22, CD22_AT.plusSeconds(86_400), "2.2"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "already-infused", null))
                .expectNoEvents();
    }

    @Test
    void another_site_cannot_record_on_the_course() {
        fixture.given(infused(CarTProduct.CD19, CD19_AT, "2.7"))
                .when(new RecordCarTInfusion("S01-0001", "S02", CarTProduct.CD22, CD22_AT, new BigDecimal("2.2"),
                        new BigDecimal("24.5"), "LOT-CD22"))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null))
                .expectNoEvents();
    }

    private static Matcher<CommandRefused> refused(CommandRefused.Reason reason, String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused ex) {
                return ex.reason() == reason && code.equals(ex.code()) && Objects.equals(field, ex.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CommandRefused " + reason + " " + code + " on " + field);
            }
        };
    }
}
