package org.cartrial.infusion.course.domain;

import static org.cartrial.testsupport.RefusalMatcher.refused;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.api.infusion.CarTInfused;
import org.cartrial.api.infusion.CarTInfused.AssessmentSeen;
import org.cartrial.api.infusion.CarTInfused.Cd22GateEvidence;
import org.cartrial.api.infusion.CarTInfused.GateOverride;
import org.cartrial.api.infusion.CarTInfused.OpenAdverseEvent;
import org.cartrial.api.infusion.CarTProduct;
import org.cartrial.api.infusion.LymphodepletingAgent;
import org.cartrial.api.infusion.LymphodepletionGiven;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.infusion.readiness.domain.ClinicalStates;
import org.cartrial.infusion.readiness.domain.FixedReadiness;
import org.cartrial.infusion.readiness.domain.GateReason;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The infusion course, given its events and the clinical state the readiness read model holds. */
class InfusionCourseTest {

    private static final String SUBJECT = "S01-0001";
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final LocalDate ENROLLED = LocalDate.of(2026, 11, 21);
    /** Late evening in UTC: the clinical date is the UTC date of the infusion. */
    private static final Instant CD19_AT = Instant.parse("2026-11-30T23:30:00Z");
    private static final LocalDate CD19_ON = LocalDate.of(2026, 11, 30);
    private static final Instant CD22_AT = Instant.parse("2027-01-15T09:00:00Z");
    private static final LocalDate CD22_ON = LocalDate.of(2027, 1, 15);
    private static final CarTInfused.StatePosition POSITION = new CarTInfused.StatePosition("event-0",
            Instant.parse("2026-11-01T00:00:00Z"));
    private static final List<LymphodepletingAgent> FLU_CY = List.of(
            new LymphodepletingAgent("fludarabine", new BigDecimal("30")),
            new LymphodepletingAgent("cyclophosphamide", new BigDecimal("500")));

    private AggregateTestFixture<InfusionCourse> fixture;
    private FixedReadiness readiness;
    private ProtocolHistory protocol;

    @BeforeEach
    void setUp() {
        readiness = new FixedReadiness();
        fixture = new AggregateTestFixture<>(InfusionCourse.class);
        protocol = new ProtocolHistory();
        fixture.registerInjectableResource(protocol);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(readiness);
        readiness.set(enrolled().build());
    }

    // ---- what the tests are given and send ----

    private static ClinicalStates enrolled() {
        return ClinicalStates.subject(SUBJECT, "S01").enrolledOn(ENROLLED);
    }

    /** Enrolled, and in MRD-negative CRi on day 28: the gate is open. */
    private static ClinicalStates inMrdNegativeRemission() {
        return enrolled().assessment("a-d28", LocalDate.of(2026, 12, 28), ResponseCategory.CRI, true);
    }

    private static RecordLymphodepletion lymphodeplete(CarTProduct product, LocalDate startedOn, LocalDate lastDoseOn) {
        return new RecordLymphodepletion(SUBJECT, "S01", product, FLU_CY, new BigDecimal("130"),
                new BigDecimal("26.4"), startedOn, lastDoseOn, S01);
    }

    private static LymphodepletionGiven lymphodepleted(CarTProduct product, LocalDate startedOn, LocalDate lastDoseOn) {
        return new LymphodepletionGiven(SUBJECT, "S01", startedOn, NOW, product, FLU_CY, new BigDecimal("130"),
                new BigDecimal("26.4"), new BigDecimal("0.98"), lastDoseOn, "1.0");
    }

    private static LymphodepletionGiven beforeCd19() {
        return lymphodepleted(CarTProduct.CD19, LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27));
    }

    private static LymphodepletionGiven beforeCd22() {
        return lymphodepleted(CarTProduct.CD22, LocalDate.of(2027, 1, 10), LocalDate.of(2027, 1, 12));
    }

    private static RecordCarTInfusion infuse(CarTProduct product, Instant at, String dose) {
        return infuse(product, at, dose, null);
    }

    private static RecordCarTInfusion infuse(CarTProduct product, Instant at, String dose, Cd22Override override) {
        return new RecordCarTInfusion(SUBJECT, "S01", product, at, new BigDecimal(dose), new BigDecimal("24.5"),
                "LOT-" + product, override, S01);
    }

    private static RecordCarTInfusion infuseCd22(Cd22Override override) {
        return infuse(CarTProduct.CD22, CD22_AT, "2.2", override);
    }

    private static CarTInfused infused(CarTProduct product, Instant at, String dose) {
        return new CarTInfused(SUBJECT, "S01", LocalDate.ofInstant(at, ZoneOffset.UTC), NOW, product, at,
                new BigDecimal(dose), new BigDecimal("24.5"), "LOT-" + product, "1.0");
    }

    private static CarTInfused cd19() {
        return infused(CarTProduct.CD19, CD19_AT, "2.7");
    }

    private static CarTInfused cd22(Cd22GateEvidence evidence) {
        return new CarTInfused(SUBJECT, "S01", CD22_ON, NOW, CarTProduct.CD22, CD22_AT, new BigDecimal("2.2"),
                new BigDecimal("24.5"), "LOT-CD22", "1.0", evidence);
    }

    private static Cd22Override override(String reason, String user, String... roles) {
        return new Cd22Override(reason, user, Set.of(roles));
    }

    // ---- lymphodepletion ----

    @Test
    void lymphodepletion_is_recorded_with_the_height_and_weight_used_and_the_mosteller_body_surface_area() {
        fixture.givenNoPriorActivity()
                .when(lymphodeplete(CarTProduct.CD19, LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(beforeCd19())
                .expectResultMessagePayload(beforeCd19());
    }

    @Test
    void lymphodepletion_a_last_dose_before_the_start_is_refused() {
        fixture.givenNoPriorActivity()
                .when(lymphodeplete(CarTProduct.CD19, LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 24)))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "last-dose-before-start",
                        "lastDoseOn"))
                .expectNoEvents();
    }

    @Test
    void lymphodepletion_before_cd22_needs_the_cd19_infusion() {
        fixture.given(beforeCd19())
                .when(lymphodeplete(CarTProduct.CD22, LocalDate.of(2027, 1, 10), LocalDate.of(2027, 1, 12)))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "cd19-not-given", "beforeProduct"))
                .expectNoEvents();
    }

    @Test
    void lymphodepletion_before_cd22_is_recorded_after_the_cd19_infusion() {
        fixture.given(beforeCd19(), cd19())
                .when(lymphodeplete(CarTProduct.CD22, LocalDate.of(2027, 1, 10), LocalDate.of(2027, 1, 12)))
                .expectEvents(beforeCd22());
    }

    @Test
    void lymphodepletion_before_a_product_already_infused_is_a_conflict() {
        fixture.given(beforeCd19(), cd19())
                .when(lymphodeplete(CarTProduct.CD19, LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 6)))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "already-infused", null))
                .expectNoEvents();
    }

    @Test
    void lymphodepletion_of_a_subject_not_enrolled_is_refused() {
        readiness.clear();
        fixture.givenNoPriorActivity()
                .when(lymphodeplete(CarTProduct.CD19, LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 27)))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "not-enrolled", "subjectId"))
                .expectNoEvents();
    }

    @Test
    void lymphodepletion_is_required_before_an_infusion() {
        fixture.givenNoPriorActivity()
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "no-lymphodepletion", "product"))
                .expectNoEvents();
    }

    @Test
    void lymphodepletion_counts_only_when_its_last_dose_is_on_or_before_the_infusion_date() {
        fixture.given(lymphodepleted(CarTProduct.CD19, LocalDate.of(2026, 11, 29), LocalDate.of(2026, 12, 1)))
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "no-lymphodepletion", "product"))
                .expectNoEvents();
    }

    @Test
    void lymphodepletion_ending_on_the_infusion_date_counts() {
        fixture.given(lymphodepleted(CarTProduct.CD19, LocalDate.of(2026, 11, 28), CD19_ON))
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectEvents(cd19());
    }

    @Test
    void lymphodepletion_before_the_other_product_does_not_count() {
        readiness.set(inMrdNegativeRemission().build());
        fixture.given(beforeCd19(), cd19())
                .when(infuseCd22(null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "no-lymphodepletion", "product"))
                .expectNoEvents();
    }

    // ---- infusions: who, which product, what dose ----

    // ---- the dose range of the protocol version in force on the infusion date ----

    /** Version 1.0 with another dose range, effective from {@code from}. */
    private static ProtocolSettings doseRange(String version, LocalDate from, String min, String max) {
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        return new ProtocolSettings(version, from, v1.minAgeYears(), v1.maxAgeYears(),
                v1.cd19ExpressionAbovePercent(), v1.cd22ExpressionAbovePercent(), v1.mrdPositiveMoreThanMonths(),
                v1.lanskyBelowAgeYears(), v1.minLansky(), v1.minKarnofsky(), v1.maxEcog(), v1.assentFromAgeYears(),
                new BigDecimal(min), new BigDecimal(max));
    }

    private static CarTInfused infused(CarTProduct product, Instant at, String dose, String protocolVersion) {
        return new CarTInfused(SUBJECT, "S01", LocalDate.ofInstant(at, ZoneOffset.UTC), NOW, product, at,
                new BigDecimal(dose), new BigDecimal("24.5"), "LOT-" + product, protocolVersion);
    }

    @Test
    void an_amendment_narrowing_the_dose_range_refuses_a_dose_version_1_0_allowed() {
        protocol.add(doseRange("1.1", LocalDate.of(2026, 11, 1), "1.0", "4.0"));
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "4.5"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "dose-out-of-range", "dose10e6CellsPerKg"))
                .expectNoEvents();
    }

    @Test
    void an_amendment_widening_the_dose_range_accepts_a_dose_version_1_0_refused_and_records_its_version() {
        protocol.add(doseRange("2.0", LocalDate.of(2026, 11, 1), "0.5", "6.0"));
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "5.5"))
                .expectEvents(infused(CarTProduct.CD19, CD19_AT, "5.5", "2.0"));
    }

    @Test
    void an_amendment_effective_after_the_infusion_date_does_not_apply_to_it() {
        protocol.add(doseRange("2.0", CD19_ON.plusDays(1), "0.5", "6.0"));
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "5.5"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "dose-out-of-range", "dose10e6CellsPerKg"))
                .expectNoEvents();
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectEvents(cd19());
    }

    @Test
    void an_amendment_effective_on_the_infusion_date_applies_to_it() {
        protocol.add(doseRange("2.0", CD19_ON, "0.5", "6.0"));
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectEvents(infused(CarTProduct.CD19, CD19_AT, "2.7", "2.0"));
    }

    @Test
    void lymphodepletion_records_the_version_in_force_on_its_start_date() {
        protocol.add(doseRange("1.1", LocalDate.of(2026, 11, 26), "0.5", "5.0"));
        fixture.givenNoPriorActivity()
                .when(lymphodeplete(CarTProduct.CD19, LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27)))
                .expectEvents(new LymphodepletionGiven(SUBJECT, "S01", LocalDate.of(2026, 11, 26), NOW,
                        CarTProduct.CD19, FLU_CY, new BigDecimal("130"), new BigDecimal("26.4"),
                        new BigDecimal("0.98"), LocalDate.of(2026, 11, 27), "1.1"));
    }

    @Test
    void a_cd19_infusion_is_recorded_with_its_utc_date_and_protocol_version_and_no_gate_evidence() {
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CarTInfused(SUBJECT, "S01", CD19_ON, NOW, CarTProduct.CD19, CD19_AT,
                        new BigDecimal("2.7"), new BigDecimal("24.5"), "LOT-CD19", "1.0", null))
                .expectResultMessagePayload(cd19());
    }

    @ParameterizedTest(name = "dose {0} x10^6/kg is accepted")
    @ValueSource(strings = {"0.5", "0.50", "5.0", "5"})
    void dose_bounds_are_inclusive(String dose) {
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, dose))
                .expectEvents(infused(CarTProduct.CD19, CD19_AT, dose));
    }

    @ParameterizedTest(name = "dose {0} x10^6/kg is refused")
    @ValueSource(strings = {"0.49", "5.01"})
    void a_dose_outside_the_range_is_refused(String dose) {
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, dose))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "dose-out-of-range", "dose10e6CellsPerKg"))
                .expectNoEvents();
    }

    @Test
    void a_subject_the_enrolment_stream_does_not_know_is_not_infused() {
        readiness.clear();
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "not-enrolled", "subjectId"))
                .expectNoEvents();
    }

    @Test
    void a_subject_enrolled_after_the_infusion_date_is_not_infused() {
        readiness.set(ClinicalStates.subject(SUBJECT, "S01").enrolledOn(CD19_ON.plusDays(1)).build());
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "not-enrolled", "subjectId"))
                .expectNoEvents();
    }

    @Test
    void a_withdrawn_subject_is_not_infused() {
        readiness.set(enrolled().withdrawnOn(LocalDate.of(2026, 11, 28)).build());
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "subject-withdrawn", null))
                .expectNoEvents();
    }

    @Test
    void a_withdrawal_dated_after_the_infusion_does_not_stop_recording_it() {
        readiness.set(enrolled().withdrawnOn(LocalDate.of(2026, 12, 20)).build());
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectEvents(cd19());
    }

    @Test
    void a_subject_enrolled_at_another_site_does_not_exist_for_this_site() {
        readiness.set(ClinicalStates.subject(SUBJECT, "S02").enrolledOn(ENROLLED).build());
        fixture.givenNoPriorActivity()
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null))
                .expectNoEvents();
    }

    @Test
    void a_site_outside_the_callers_scope_is_not_found() {
        fixture.given(beforeCd19())
                .when(new RecordCarTInfusion(SUBJECT, "S01", CarTProduct.CD19, CD19_AT, new BigDecimal("2.7"),
                        new BigDecimal("24.5"), "LOT-CD19", null, SiteScope.of(Set.of("S02"))))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null))
                .expectNoEvents();
    }

    @Test
    void another_site_cannot_record_on_the_course() {
        fixture.given(beforeCd19(), cd19())
                .when(new RecordCarTInfusion(SUBJECT, "S02", CarTProduct.CD22, CD22_AT, new BigDecimal("2.2"),
                        new BigDecimal("24.5"), "LOT-CD22", null, SiteScope.ALL))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null))
                .expectNoEvents();
    }

    @Test
    void cd22_before_cd19_is_refused() {
        readiness.set(inMrdNegativeRemission().build());
        fixture.given(beforeCd19())
                .when(infuseCd22(null))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "cd19-not-given", "product"))
                .expectNoEvents();
    }

    @Test
    void cd22_dated_before_the_cd19_infusion_is_refused() {
        readiness.set(inMrdNegativeRemission().build());
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuse(CarTProduct.CD22, CD19_AT.minusSeconds(86_400), "2.2"))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "infused-before-cd19", "infusedAt"))
                .expectNoEvents();
    }

    @Test
    void a_second_cd19_infusion_is_a_conflict() {
        fixture.given(beforeCd19(), cd19())
                .when(infuse(CarTProduct.CD19, CD22_AT, "2.7"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "already-infused", null))
                .expectNoEvents();
    }

    @Test
    void a_second_cd22_infusion_is_a_conflict() {
        readiness.set(inMrdNegativeRemission().build());
        fixture.given(beforeCd19(), cd19(), beforeCd22(), infused(CarTProduct.CD22, CD22_AT, "2.2"))
                .when(infuse(CarTProduct.CD22, CD22_AT.plusSeconds(86_400), "2.2"))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "already-infused", null))
                .expectNoEvents();
    }

    // ---- the CD22 gate ----

    private void givenCd19AndLymphodepletedFor(ClinicalStates state) {
        readiness.set(state.build());
    }

    private void expectGateClosed(ClinicalStates state, String... codes) {
        givenCd19AndLymphodepletedFor(state);
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuseCd22(null))
                .expectException(gateClosed(codes))
                .expectNoEvents();
    }

    private void expectGateOpen(ClinicalStates state, Cd22GateEvidence evidence) {
        givenCd19AndLymphodepletedFor(state);
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuseCd22(null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(cd22(evidence));
    }

    @Test
    void cd22_gate_an_mrd_negative_cri_opens_it_and_the_infusion_records_the_evidence() {
        expectGateOpen(inMrdNegativeRemission().position("ev-42", Instant.parse("2026-12-29T08:00:00Z")),
                new Cd22GateEvidence(true, List.of(),
                        new AssessmentSeen("a-d28", LocalDate.of(2026, 12, 28), ResponseCategory.CRI, true),
                        List.of(), new CarTInfused.StatePosition("ev-42", Instant.parse("2026-12-29T08:00:00Z")),
                        null));
    }

    @Test
    void cd22_gate_an_mrd_negative_cr_opens_it() {
        expectGateOpen(enrolled().assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, true),
                new Cd22GateEvidence(true, List.of(),
                        new AssessmentSeen("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, true), List.of(),
                        POSITION, null));
    }

    @Test
    void cd22_gate_an_mrd_positive_cr_closes_it() {
        expectGateClosed(enrolled().assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, false),
                "mrd-not-negative");
    }

    @Test
    void cd22_gate_a_cr_without_a_usable_mrd_result_closes_it() {
        expectGateClosed(enrolled().assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, null),
                "mrd-not-negative");
    }

    @Test
    void cd22_gate_a_partial_response_closes_it_even_when_mrd_negative() {
        expectGateClosed(enrolled().assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.PR, true),
                "not-in-remission");
    }

    @Test
    void cd22_gate_no_response_assessment_closes_it() {
        expectGateClosed(enrolled(), "no-response-assessment");
    }

    @Test
    void cd22_gate_the_latest_assessment_by_date_wins_over_an_earlier_mrd_negative_cr() {
        expectGateClosed(enrolled()
                .assessment("later", LocalDate.of(2027, 1, 5), ResponseCategory.CR, false)
                .assessment("earlier", LocalDate.of(2026, 12, 28), ResponseCategory.CR, true),
                "mrd-not-negative");
    }

    @Test
    void cd22_gate_the_latest_assessment_by_date_wins_over_an_earlier_mrd_positive_one() {
        expectGateOpen(enrolled()
                .assessment("later", LocalDate.of(2027, 1, 5), ResponseCategory.CRI, true)
                .assessment("earlier", LocalDate.of(2026, 12, 28), ResponseCategory.CR, false),
                new Cd22GateEvidence(true, List.of(),
                        new AssessmentSeen("later", LocalDate.of(2027, 1, 5), ResponseCategory.CRI, true),
                        List.of(), POSITION, null));
    }

    @Test
    void cd22_gate_an_assessment_dated_after_the_infusion_is_not_looked_at() {
        expectGateClosed(enrolled()
                .assessment("before", LocalDate.of(2027, 1, 5), ResponseCategory.CR, false)
                .assessment("after", CD22_ON.plusDays(1), ResponseCategory.CR, true),
                "mrd-not-negative");
    }

    @Test
    void cd22_gate_an_open_grade_3_non_haematological_adverse_event_closes_it() {
        expectGateClosed(inMrdNegativeRemission()
                .adverseEvent("ae-1", "Colitis", 3, LocalDate.of(2027, 1, 3), null),
                "open-non-haematological-adverse-event");
    }

    @Test
    void cd22_gate_an_open_grade_3_neutropenia_does_not_close_it_and_is_recorded_as_open() {
        expectGateOpen(inMrdNegativeRemission()
                .adverseEvent("ae-1", "Neutrophil count decreased", 3, LocalDate.of(2027, 1, 3), null)
                .adverseEvent("ae-2", "febrile  Neutropenia", 4, LocalDate.of(2027, 1, 4), null),
                new Cd22GateEvidence(true, List.of(),
                        new AssessmentSeen("a-d28", LocalDate.of(2026, 12, 28), ResponseCategory.CRI, true),
                        List.of(new OpenAdverseEvent("ae-1", "Neutrophil count decreased", 3, true),
                                new OpenAdverseEvent("ae-2", "febrile  Neutropenia", 4, true)),
                        POSITION, null));
    }

    @Test
    void cd22_gate_a_resolved_grade_3_adverse_event_does_not_close_it() {
        expectGateOpen(inMrdNegativeRemission()
                .adverseEvent("ae-1", "Colitis", 3, LocalDate.of(2027, 1, 3), CD22_ON),
                new Cd22GateEvidence(true, List.of(),
                        new AssessmentSeen("a-d28", LocalDate.of(2026, 12, 28), ResponseCategory.CRI, true),
                        List.of(), POSITION, null));
    }

    @Test
    void cd22_gate_an_open_grade_2_non_haematological_adverse_event_does_not_close_it() {
        expectGateOpen(inMrdNegativeRemission()
                .adverseEvent("ae-1", "Cytokine release syndrome", 2, LocalDate.of(2027, 1, 3), null),
                new Cd22GateEvidence(true, List.of(),
                        new AssessmentSeen("a-d28", LocalDate.of(2026, 12, 28), ResponseCategory.CRI, true),
                        List.of(new OpenAdverseEvent("ae-1", "Cytokine release syndrome", 2, false)), POSITION,
                        null));
    }

    @Test
    void cd22_gate_every_reason_is_listed() {
        expectGateClosed(enrolled()
                .assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.PR, false)
                .adverseEvent("ae-1", "Colitis", 3, LocalDate.of(2027, 1, 3), null)
                .adverseEvent("ae-2", "Encephalopathy", 4, LocalDate.of(2027, 1, 4), null),
                "not-in-remission", "open-non-haematological-adverse-event",
                "open-non-haematological-adverse-event");
    }

    @Test
    void cd22_gate_an_override_by_an_investigator_lets_it_through_and_is_recorded_with_what_was_overridden() {
        givenCd19AndLymphodepletedFor(enrolled()
                .assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, false)
                .adverseEvent("ae-1", "Colitis", 3, LocalDate.of(2027, 1, 3), null));
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuseCd22(override("  MRD 0.02% by flow; PI and sponsor agreed ", "investigator-S01",
                        "investigator")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(cd22(new Cd22GateEvidence(false,
                        List.of("mrd-not-negative", "open-non-haematological-adverse-event"),
                        new AssessmentSeen("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, false),
                        List.of(new OpenAdverseEvent("ae-1", "Colitis", 3, false)), POSITION,
                        new GateOverride("MRD 0.02% by flow; PI and sponsor agreed", "investigator-S01",
                                "investigator"))));
    }

    @Test
    void cd22_gate_an_override_by_an_administrator_lets_it_through() {
        givenCd19AndLymphodepletedFor(enrolled()
                .assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, false));
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuseCd22(override("sponsor decision", "admin-1", "admin")))
                .expectEvents(cd22(new Cd22GateEvidence(false, List.of("mrd-not-negative"),
                        new AssessmentSeen("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, false),
                        List.of(), POSITION, new GateOverride("sponsor decision", "admin-1", "admin"))));
    }

    @Test
    void cd22_gate_an_override_by_a_site_coordinator_is_refused() {
        givenCd19AndLymphodepletedFor(enrolled()
                .assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, false));
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuseCd22(override("family wishes", "coordinator-S01", "site-coordinator")))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "override-not-permitted",
                        "override"))
                .expectNoEvents();
    }

    @Test
    void cd22_gate_an_override_without_a_reason_is_refused() {
        givenCd19AndLymphodepletedFor(enrolled()
                .assessment("a1", LocalDate.of(2027, 1, 2), ResponseCategory.CR, false));
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuseCd22(override("  ", "investigator-S01", "investigator")))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "override-reason-missing",
                        "override.reason"))
                .expectNoEvents();
    }

    @Test
    void cd22_gate_an_override_of_an_open_gate_is_not_used_and_not_recorded() {
        givenCd19AndLymphodepletedFor(inMrdNegativeRemission());
        fixture.given(beforeCd19(), cd19(), beforeCd22())
                .when(infuseCd22(override("just in case", "investigator-S01", "investigator")))
                .expectEvents(cd22(new Cd22GateEvidence(true, List.of(),
                        new AssessmentSeen("a-d28", LocalDate.of(2026, 12, 28), ResponseCategory.CRI, true),
                        List.of(), POSITION, null)));
    }

    @Test
    void cd22_gate_a_cd19_infusion_has_no_gate_to_override() {
        fixture.given(beforeCd19())
                .when(infuse(CarTProduct.CD19, CD19_AT, "2.7",
                        override("reason", "investigator-S01", "investigator")))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "override-not-applicable",
                        "override"))
                .expectNoEvents();
    }

    // ---- matchers ----

    private static Matcher<Cd22GateClosed> gateClosed(String... codes) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Cd22GateClosed ex) {
                return ex.reason() == CommandRefused.Reason.RULE_BROKEN && "cd22-gate-closed".equals(ex.code())
                        && ex.reasons().stream().map(GateReason::code).toList().equals(Arrays.asList(codes));
            }

            @Override
            protected void describeMismatchSafely(Cd22GateClosed ex, Description description) {
                description.appendText("was closed for ").appendValue(ex.reasons());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CD22 gate closed for " + Arrays.toString(codes));
            }
        };
    }
}
