package org.cartrial.outcomes.course.domain;

import static org.cartrial.testsupport.RefusalMatcher.refused;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.SiteScope;
import org.cartrial.api.outcomes.DeathRecorded;
import org.cartrial.api.outcomes.FollowUpRecorded;
import org.cartrial.api.outcomes.RelapseDetected;
import org.cartrial.api.outcomes.ResponseAssessed;
import org.cartrial.api.outcomes.ResponseCategory;
import org.cartrial.outcomes.course.domain.EnrolmentRegister.Enrolment;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClinicalCourseTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final SiteScope S01 = SiteScope.of(Set.of("S01"));
    private static final LocalDate DAY_28 = LocalDate.of(2026, 2, 10);

    private static final LocalDate ENROLLED_ON = LocalDate.of(2026, 1, 2);

    /** The enrolments the outcomes service has learnt, as the CONSORT read model would tell them. */
    private static final class KnownEnrolments implements EnrolmentRegister {
        private final Map<String, Enrolment> enrolments = new HashMap<>();

        KnownEnrolments enrol(String subjectId, String siteId) {
            enrolments.put(subjectId, new Enrolment(siteId, ENROLLED_ON));
            return this;
        }

        @Override
        public Optional<Enrolment> enrolmentOf(String subjectId) {
            return Optional.ofNullable(enrolments.get(subjectId));
        }
    }

    private final KnownEnrolments register = new KnownEnrolments().enrol("S01-1", "S01");
    private AggregateTestFixture<ClinicalCourse> fixture;
    /** The protocol versions this context received: version 1.0 unless a test amends it. */
    private ProtocolHistory protocol;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ClinicalCourse.class);
        protocol = new ProtocolHistory();
        fixture.registerInjectableResource(protocol);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(register);
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

    @Test
    void every_fact_about_a_subject_not_enrolled_is_refused_and_names_the_subject() {
        for (Object command : java.util.List.of(
                new AssessResponse("S01-NOSUCH", "S01", "a1", DAY_28, marrow("1", "0.005"), ResponseCategory.CR, S01),
                new RecordRelapse("S01-NOSUCH", "S01", DAY_28, RelapseSite.MARROW, false, true, S01),
                new RecordDeath("S01-NOSUCH", "S01", DAY_28, CauseOfDeath.DISEASE, S01),
                new RecordFollowUp("S01-NOSUCH", "S01", DAY_28, S01))) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "not-enrolled", "subjectId"))
                    .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("S01-NOSUCH"),
                            org.hamcrest.Matchers.containsString("outcomes service has no enrolment")))
                    .expectNoEvents();
        }
    }

    @Test
    void not_enrolled_is_refused_before_any_other_rule() {
        // a relapse without remission would break no-prior-remission; the missing enrolment is told first
        fixture.givenNoPriorActivity()
                .when(new RecordRelapse("S01-NOSUCH", "S01", DAY_28, RelapseSite.MARROW, false, true, S01))
                .expectException(refused(CommandRefused.Reason.RULE_BROKEN, "not-enrolled", "subjectId"));
    }

    @Test
    void a_subject_enrolled_at_another_site_does_not_exist_for_this_one() {
        register.enrol("S02-1", "S02");
        fixture.givenNoPriorActivity()
                .when(new AssessResponse("S02-1", "S01", "a1", DAY_28, marrow("1", "0.005"), ResponseCategory.CR, S01))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null))
                .expectExceptionMessage("No subject S02-1 at your sites.")
                .expectNoEvents();
    }

    @Test
    void a_site_outside_the_callers_scope_is_not_told_whether_the_subject_is_enrolled() {
        fixture.givenNoPriorActivity()
                .when(new RecordFollowUp("S01-NOSUCH", "S02", DAY_28, S01))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "subject-not-found", null));
    }

    @Test
    void an_enrolled_subject_is_recorded_whatever_the_enrolment_date() {
        // an imported cohort may carry a baseline assessment before the enrolment date
        fixture.givenNoPriorActivity()
                .when(new AssessResponse("S01-1", "S01", "a0", ENROLLED_ON.minusDays(3), marrow("60", "30"),
                        ResponseCategory.NR, S01))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ResponseAssessed("S01-1", "S01", ENROLLED_ON.minusDays(3), NOW, "a0",
                        new BigDecimal("60"), false, false, "CNS1", new BigDecimal("1.2"), new BigDecimal("120"),
                        new BigDecimal("30"), new BigDecimal("0.001"), ResponseCategory.NR, ResponseCategory.NR, false,
                        "1.0"));
        fixture.givenNoPriorActivity()
                .when(new RecordFollowUp("S01-1", "S01", DAY_28, S01))
                .expectEvents(new FollowUpRecorded("S01-1", "S01", DAY_28, NOW));
    }

    // ---- the response criteria of the protocol version in force on the assessment's date ----

    /** Version 1.0 with CR needing marrow blasts below 1 % instead of 5 %, effective from {@code from}. */
    private static ProtocolSettings crBelowOnePercent(LocalDate from) {
        return new ProtocolSettings("1.1", from, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, new BigDecimal("1"), null, null, null, null, null, null);
    }

    @Test
    void an_amendment_narrowing_the_cr_threshold_changes_the_derived_response_from_its_effective_date_not_before() {
        LocalDate amended = DAY_28.plusDays(1);
        protocol.add(crBelowOnePercent(amended));
        fixture.givenNoPriorActivity()
                .when(new AssessResponse("S01-1", "S01", "a1", DAY_28, marrow("2", "0.005"), ResponseCategory.CR, S01))
                .expectEvents(assessed("a1", DAY_28, "2", "0.005", ResponseCategory.CR, true));
        fixture.givenNoPriorActivity()
                .when(new AssessResponse("S01-1", "S01", "a1", amended, marrow("2", "0.005"), ResponseCategory.CR, S01))
                .expectEvents(new ResponseAssessed("S01-1", "S01", amended, NOW, "a1", new BigDecimal("2"), false,
                        false, "CNS1", new BigDecimal("1.2"), new BigDecimal("120"), new BigDecimal("0.005"),
                        new BigDecimal("0.001"), ResponseCategory.NR, ResponseCategory.CR, true, "1.1"));
    }
}
