package org.cartrial.infusion.course.domain;

import static org.cartrial.testsupport.RefusalMatcher.refused;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.CorrectedValue;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfusionCorrected;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletingAgent;
import org.cartrial.api.infusion.LymphodepletionCorrected;
import org.cartrial.api.infusion.LymphodepletionGiven;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.infusion.readiness.domain.ClinicalStates;
import org.cartrial.infusion.readiness.domain.FixedReadiness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections of a CAR-T infusion: with a reason, the old and new values, and the rules of order, dose and LD. */
class InfusionCorrectionTest {

    private static final String SUBJECT = "S01-0001";
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));
    private static final Instant RECORDED = Instant.parse("2026-11-30T23:40:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant CD19_AT = Instant.parse("2026-11-30T09:30:00Z");
    private static final String WHO = "inv-s01";

    private AggregateTestFixture<InfusionCourse> fixture;

    @BeforeEach
    void setUp() {
        FixedReadiness readiness = new FixedReadiness();
        fixture = new AggregateTestFixture<>(InfusionCourse.class);
        fixture.registerInjectableResource(new ProtocolHistory());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(readiness);
        readiness.set(ClinicalStates.subject(SUBJECT, "S01").enrolledOn(LocalDate.of(2026, 11, 21)).build());
    }

    private static LymphodepletionGiven lymphodepleted() {
        return new LymphodepletionGiven(SUBJECT, "S01", LocalDate.of(2026, 11, 25), RECORDED, CarTProduct.CD19,
                List.of(new LymphodepletingAgent("fludarabine", new BigDecimal("30"))), new BigDecimal("130"),
                new BigDecimal("26.4"), new BigDecimal("0.98"), LocalDate.of(2026, 11, 27), "1.0");
    }

    private static CarTInfused cd19(Instant at, String dose) {
        return new CarTInfused(SUBJECT, "S01", LocalDate.ofInstant(at, ZoneOffset.UTC), RECORDED, CarTProduct.CD19,
                at, new BigDecimal(dose), new BigDecimal("24.5"), "LOT-CD19", "1.0");
    }

    private static CorrectCarTInfusion correct(String reason, Instant at, String dose) {
        return new CorrectCarTInfusion(SUBJECT, "S01", CarTProduct.CD19, reason, WHO, at,
                dose == null ? null : new BigDecimal(dose), null, null, S01);
    }

    @Test
    void a_corrected_dose_and_date_name_the_old_and_new_values_and_the_reason() {
        Instant earlier = Instant.parse("2026-11-29T09:30:00Z");
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7"))
                .when(correct("pharmacy record", earlier, "2.5"))
                .expectEvents(new CarTInfusionCorrected(SUBJECT, "S01", LocalDate.of(2026, 11, 29), NOW,
                        CarTProduct.CD19, cd19(earlier, "2.5"), List.of(
                                new CorrectedValue("infusedAt", CD19_AT.toString(), earlier.toString()),
                                new CorrectedValue("occurredOn", "2026-11-30", "2026-11-29"),
                                new CorrectedValue("dose10e6CellsPerKg", "2.7", "2.5")),
                        "pharmacy record", WHO));
    }

    @Test
    void a_correction_is_refused_without_reason_without_change_out_of_range_before_lymphodepletion_or_unknown() {
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7")).when(correct(" ", null, "2.5"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "reason-required", "reason"))
                .expectNoEvents();
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7")).when(correct("x", CD19_AT, "2.70"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "nothing-changed", null))
                .expectNoEvents();
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7")).when(correct("x", null, "9"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "dose-out-of-range", "dose10e6CellsPerKg"))
                .expectNoEvents();
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7"))
                .when(correct("x", Instant.parse("2026-11-26T09:00:00Z"), null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "no-lymphodepletion", "infusedAt"))
                .expectNoEvents();
        fixture.given(lymphodepleted()).when(correct("x", null, "2.5"))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "infusion-not-found", null))
                .expectNoEvents();
    }

    @Test
    void a_further_correction_starts_from_the_corrected_infusion() {
        Instant later = Instant.parse("2026-12-20T09:30:00Z");
        CarTInfused corrected = cd19(later, "2.5");
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7"), new CarTInfusionCorrected(SUBJECT, "S01",
                        corrected.occurredOn(), RECORDED, CarTProduct.CD19, corrected, List.of(), "date", WHO))
                .when(correct("again", later, "2.5"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "nothing-changed", null))
                .expectNoEvents();
    }

    private static CorrectLymphodepletion correctLd(String reason, LocalDate startedOn, LocalDate lastDoseOn,
            String weightKg) {
        return new CorrectLymphodepletion(SUBJECT, "S01", CarTProduct.CD19, LocalDate.of(2026, 11, 25), reason, WHO,
                startedOn, lastDoseOn, null, weightKg == null ? null : new BigDecimal(weightKg), null, S01);
    }

    @Test
    void a_corrected_lymphodepletion_computes_the_body_surface_area_again() {
        LymphodepletionGiven before = lymphodepleted();
        LymphodepletionGiven after = new LymphodepletionGiven(SUBJECT, "S01", LocalDate.of(2026, 11, 24), RECORDED,
                CarTProduct.CD19, before.agents(), new BigDecimal("130"), new BigDecimal("24.4"),
                BodySurfaceArea.mosteller(new BigDecimal("130"), new BigDecimal("24.4")), LocalDate.of(2026, 11, 27),
                "1.0");
        fixture.given(before, cd19(CD19_AT, "2.7"))
                .when(correctLd("weighed again", LocalDate.of(2026, 11, 24), null, "24.4"))
                .expectEvents(new LymphodepletionCorrected(SUBJECT, "S01", LocalDate.of(2026, 11, 24), NOW,
                        CarTProduct.CD19, LocalDate.of(2026, 11, 25), after, List.of(
                                new CorrectedValue("occurredOn", "2026-11-25", "2026-11-24"),
                                new CorrectedValue("weightKg", "26.4", "24.4"),
                                new CorrectedValue("bodySurfaceAreaM2", before.bodySurfaceAreaM2().toPlainString(),
                                        after.bodySurfaceAreaM2().stripTrailingZeros().toPlainString())),
                        "weighed again", WHO));
    }

    @Test
    void a_lymphodepletion_correction_is_refused_without_reason_unknown_or_ending_after_the_infusion() {
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7")).when(correctLd("", null, null, "24.4"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "reason-required", "reason"))
                .expectNoEvents();
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7"))
                .when(new CorrectLymphodepletion(SUBJECT, "S01", CarTProduct.CD19, LocalDate.of(2026, 11, 20), "x",
                        WHO, null, null, null, new BigDecimal("24.4"), null, S01))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "lymphodepletion-not-found", null))
                .expectNoEvents();
        fixture.given(lymphodepleted(), cd19(CD19_AT, "2.7"))
                .when(correctLd("x", null, LocalDate.of(2026, 12, 2), null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "no-lymphodepletion", "lastDoseOn"))
                .expectNoEvents();
        fixture.given(lymphodepleted()).when(correctLd("x", null, LocalDate.of(2026, 11, 24), null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "last-dose-before-start", "lastDoseOn"))
                .expectNoEvents();
    }
}
