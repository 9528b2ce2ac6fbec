package org.cartrial.outcomes.course.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClinicalCourseTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));
    private static final LocalDate DAY_28 = LocalDate.of(2026, 2, 10);

    private AggregateTestFixture<ClinicalCourse> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClinicalCourse.class);
        fixture.registerInjectableResource(ResponseCriteria.VERSION_1_0);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static MarrowAndBloodFindings marrow(String blasts, String mrd) {
        return new MarrowAndBloodFindings(new BigDecimal(blasts), false, false, CnsStatus.CNS1, new BigDecimal("1.2"),
                new BigDecimal("120"), new BigDecimal(mrd), new BigDecimal("0.001"));
    }

    private static ResponseAssessed assessed(String id, LocalDate on, String blasts, String mrd, ResponseCategory derived,
            Boolean mrdNegative) {
        return new ResponseAssessed("S01-1", "S01", on, NOW, id, new BigDecimal(blasts), false, false, "CNS1",
                new BigDecimal("1.2"), new BigDecimal("120"), new BigDecimal(mrd), new BigDecimal("0.001"), derived,
                ResponseCategory.CR, mrdNegative, "1.0");
    }

    @Test
    void a_partial_response_is_measured_against_the_first_assessment() {
        fixture.given(assessed("a0", DAY_28.minusDays(40), "60", "30", ResponseCategory.NR, false))
                .when(new AssessResponse("S01-1", "S01", "a1", DAY_28, marrow("20", "3"), ResponseCategory.CR, S01))
                .expectEvents(assessed("a1", DAY_28, "20", "3", ResponseCategory.PR, false));
    }

    @Test
    void an_mrd_negative_complete_remission_is_derived() {
        fixture.givenNoPriorActivity()
                .when(new AssessResponse("S01-1", "S01", "a1", DAY_28, marrow("1", "0.005"), ResponseCategory.CR, S01))
                .expectEvents(assessed("a1", DAY_28, "1", "0.005", ResponseCategory.CR, true));
    }

    @Test
    void relapse_needs_an_earlier_remission_and_is_recorded_once() {
        fixture.given(assessed("a1", DAY_28, "60", "30", ResponseCategory.NR, false))
                .when(new RecordRelapse("S01-1", "S01", DAY_28.plusDays(60), RelapseSite.MARROW, false, true, S01))
                .expectException(CommandRefused.class);
        fixture.given(assessed("a1", DAY_28, "1", "0.005", ResponseCategory.CR, true))
                .when(new RecordRelapse("S01-1", "S01", DAY_28.plusDays(60), RelapseSite.MARROW, false, true, S01))
                .expectEvents(new RelapseDetected("S01-1", "S01", DAY_28.plusDays(60), NOW, "marrow", false, true));
    }

    @Test
    void nothing_is_recorded_after_death_and_another_site_sees_nothing() {
        DeathRecorded death = new DeathRecorded("S01-1", "S01", DAY_28, NOW, "disease");
        fixture.given(death)
                .when(new AssessResponse("S01-1", "S01", "a9", DAY_28.plusDays(1), marrow("1", "0"), ResponseCategory.CR, S01))
                .expectException(CommandRefused.class)
                .expectNoEvents();
        fixture.given(death)
                .when(new RecordFollowUp("S01-1", "S02", DAY_28, SiteScope.of(Set.of("S02"))))
                .expectExceptionMessage("No subject S01-1 at your sites.");
    }
}
