package org.cartrial.safety.adverseevent.domain;

import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.safety.AdverseEventReported;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.AE_ID;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.NOW;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.ONSET;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.OWN_SITE;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.SITE;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.SUBJECT;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.clockSet;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.regulatorClock;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.sponsorClock;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.typedReport;
import static org.cartrial.safety.adverseevent.domain.AdverseEventExamples.typedReported;
import static org.cartrial.testsupport.RefusalMatcher.refused;
import static org.cartrial.testsupport.RefusalMatcher.ruleBroken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.CommandRefused;
import org.cartrial.api.safety.SafetyDeadlineApproaching;
import org.cartrial.api.safety.SafetyDeadlineMet;
import org.cartrial.api.safety.SafetyDeadlineMissed;
import org.cartrial.api.safety.SafetyDeadlineSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reporting clocks of protocol section 3: a serious adverse event must reach the sponsor within 24 hours of
 * awareness, a SUSAR the regulator within 7 days (fatal or life-threatening) or 15 days; the platform warns ahead
 * of each deadline (4 hours, 2 days), raises the miss, and closes a clock when the report is recorded.
 */
class ReportingClockTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Set<SeriousnessCriterion> HOSPITALISED = Set.of(SeriousnessCriterion.HOSPITALISATION);
    private static final Instant SPONSOR_DUE = NOW.plus(Duration.ofHours(24));
    private static final ReportingAlarm SPONSOR_WARNING = new ReportingAlarm(ReportRecipient.SPONSOR,
            ReportingAlarm.Kind.WARNING, SPONSOR_DUE);
    private static final ReportingAlarm SPONSOR_DUE_ALARM = new ReportingAlarm(ReportRecipient.SPONSOR,
            ReportingAlarm.Kind.DUE, SPONSOR_DUE);

    private AggregateTestFixture<AdverseEvent> fixture;
    /** The protocol versions this context learnt: version 1.0 until a test adds an amendment. */
    private final ProtocolHistory protocol = new ProtocolHistory();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdverseEvent.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(protocol);
        fixture.registerInjectableResource(ReportingRules.protocolDefaults());
    }

    /** Serious (hospitalised), expected: an SAE, not a SUSAR. */
    private static ReportAdverseEvent sae(int grade) {
        return typedReport("Febrile neutropenia", grade, HOSPITALISED, RelationshipToCarT.DEFINITE, true);
    }

    private static SafetyDeadlineApproaching approaching(ReportingRule rule, Instant awareAt, Instant dueAt, int grade) {
        return new SafetyDeadlineApproaching(SUBJECT, SITE, LocalDate.ofInstant(dueAt, ZoneOffset.UTC), NOW, AE_ID,
                rule.recipient().name(), rule.name(), awareAt, dueAt, "Febrile neutropenia", grade);
    }

    private static SafetyDeadlineMissed missed(ReportingRule rule, Instant awareAt, Instant dueAt, int grade) {
        return new SafetyDeadlineMissed(SUBJECT, SITE, LocalDate.ofInstant(dueAt, ZoneOffset.UTC), NOW, AE_ID,
                rule.recipient().name(), rule.name(), awareAt, dueAt, "Febrile neutropenia", grade);
    }

    private static RecordReportSent sent(ReportRecipient recipient, Instant sentAt) {
        return new RecordReportSent(AE_ID, OWN_SITE, recipient, sentAt);
    }

    @Test
    void a_serious_adverse_event_starts_the_24_hour_sponsor_clock_with_a_warning_4_hours_ahead() {
        fixture.givenNoPriorActivity()
                .when(sae(3))
                .expectEvents(typedReported("Febrile neutropenia", 3, List.of("HOSPITALISATION"), "definite", true,
                        false), sponsorClock("Febrile neutropenia", 3))
                .expectScheduledDeadline(SPONSOR_DUE.minus(Duration.ofHours(4)), SPONSOR_WARNING)
                .expectScheduledDeadline(SPONSOR_DUE, SPONSOR_DUE_ALARM);
    }

    @Test
    void an_amended_sae_report_window_in_force_on_the_onset_date_sets_the_sponsor_clock_and_is_recorded() {
        protocol.add(new org.cartrial.api.protocol.ProtocolSettings("1.1", ONSET, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, 12));
        Instant due = NOW.plus(Duration.ofHours(12));
        AdverseEventReported v11 = typedReported("Febrile neutropenia", 3, List.of("HOSPITALISATION"), "definite",
                true, false);
        fixture.givenNoPriorActivity()
                .when(sae(3))
                .expectEvents(new AdverseEventReported(v11.subjectId(), v11.siteId(), v11.occurredOn(),
                        v11.recordedAt(), v11.adverseEventId(), v11.ctcaeTerm(), v11.grade(), v11.serious(),
                        v11.relationshipToCarT(), v11.expected(), "1.1", v11.meddraCode(), v11.gradingScale(),
                        v11.crs(), v11.icans(), v11.seriousnessCriteria(), v11.susar(), v11.outcome(),
                        v11.resolutionDate()),
                        clockSet(ReportingRule.SAE_REPORT_TO_SPONSOR, NOW, due, null, "Febrile neutropenia", 3))
                .expectScheduledDeadline(due, new ReportingAlarm(ReportRecipient.SPONSOR, ReportingAlarm.Kind.DUE,
                        due));
    }

    @Test
    void an_amended_sae_report_window_effective_after_the_onset_does_not_apply() {
        protocol.add(new org.cartrial.api.protocol.ProtocolSettings("1.1", ONSET.plusDays(1), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, 12));
        fixture.givenNoPriorActivity()
                .when(sae(3))
                .expectEvents(typedReported("Febrile neutropenia", 3, List.of("HOSPITALISATION"), "definite", true,
                        false), sponsorClock("Febrile neutropenia", 3))
                .expectScheduledDeadline(SPONSOR_DUE, SPONSOR_DUE_ALARM);
    }

    @Test
    void an_adverse_event_that_is_not_serious_starts_no_clock() {
        fixture.givenNoPriorActivity()
                .when(typedReport("Febrile neutropenia", 3, Set.of(), RelationshipToCarT.DEFINITE, false))
                .expectEvents(typedReported("Febrile neutropenia", 3, List.of(), "definite", false, false))
                .expectNoScheduledDeadlines();
    }

    @ParameterizedTest(name = "{0} grade {1} -> {2}, {3} days")
    @CsvSource({
            "HOSPITALISATION, 3, SUSAR_OTHER, 15",
            "OTHER_IMPORTANT_MEDICAL_EVENT, 2, SUSAR_OTHER, 15",
            "LIFE_THREATENING, 3, SUSAR_FATAL_OR_LIFE_THREATENING, 7",
            "HOSPITALISATION, 4, SUSAR_FATAL_OR_LIFE_THREATENING, 7",
            "DEATH, 5, SUSAR_FATAL_OR_LIFE_THREATENING, 7"})
    void a_susar_starts_the_regulator_clock_of_7_or_15_days(SeriousnessCriterion criterion, int grade,
            ReportingRule rule, int days) {
        Instant due = NOW.plus(Duration.ofDays(days));
        fixture.givenNoPriorActivity()
                .when(typedReport("Febrile neutropenia", grade, Set.of(criterion), RelationshipToCarT.POSSIBLE, false))
                .expectEvents(typedReported("Febrile neutropenia", grade, List.of(criterion.name()), "possible", false,
                        true), sponsorClock("Febrile neutropenia", grade), regulatorClock(rule, "Febrile neutropenia",
                        grade))
                .expectScheduledDeadline(due.minus(Duration.ofDays(2)),
                        new ReportingAlarm(ReportRecipient.REGULATOR, ReportingAlarm.Kind.WARNING, due))
                .expectScheduledDeadline(due, new ReportingAlarm(ReportRecipient.REGULATOR, ReportingAlarm.Kind.DUE,
                        due));
    }

    @Test
    void an_adverse_event_that_becomes_serious_starts_its_clock_from_that_moment() {
        fixture.given(typedReported("Febrile neutropenia", 3, List.of(), "definite", true, false))
                .when(new UpdateAdverseEvent(AE_ID, OWN_SITE, ONSET.plusDays(2), null, null, null, HOSPITALISED,
                        null, null, null, null))
                .expectScheduledDeadline(SPONSOR_DUE, SPONSOR_DUE_ALARM)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(org.cartrial.api.safety.AdverseEventUpdated.class),
                                org.axonframework.test.matchers.Matchers.equalTo(
                                        sponsorClock("Febrile neutropenia", 3)),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void a_clock_that_runs_out_warns_then_raises_the_miss_once() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(sae(4))
                .whenThenTimeAdvancesTo(SPONSOR_DUE.plus(DAY))
                .expectTriggeredDeadlines(SPONSOR_WARNING, SPONSOR_DUE_ALARM)
                .expectEvents(approaching(ReportingRule.SAE_REPORT_TO_SPONSOR, NOW, SPONSOR_DUE, 4),
                        missed(ReportingRule.SAE_REPORT_TO_SPONSOR, NOW, SPONSOR_DUE, 4));
    }

    @Test
    void only_the_warning_is_raised_before_the_deadline() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(sae(4))
                .whenThenTimeAdvancesTo(SPONSOR_DUE.minus(Duration.ofHours(1)))
                .expectEvents(approaching(ReportingRule.SAE_REPORT_TO_SPONSOR, NOW, SPONSOR_DUE, 4))
                .expectScheduledDeadline(SPONSOR_DUE, SPONSOR_DUE_ALARM);
    }

    @Test
    void a_report_sent_in_time_closes_the_clock_and_cancels_its_deadlines() {
        Instant sentAt = NOW.minus(Duration.ofMinutes(10));
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(sae(3))
                .when(sent(ReportRecipient.SPONSOR, sentAt))
                .expectEvents(new SafetyDeadlineMet(SUBJECT, SITE, LocalDate.ofInstant(sentAt, ZoneOffset.UTC), NOW,
                        AE_ID, "SPONSOR", "SAE_REPORT_TO_SPONSOR", NOW, SPONSOR_DUE, sentAt, true,
                        "Febrile neutropenia", 3))
                .expectNoScheduledDeadlines();
    }

    @Test
    void after_the_report_the_deadline_passes_silently() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(sae(3), sent(ReportRecipient.SPONSOR, NOW))
                .whenThenTimeAdvancesTo(SPONSOR_DUE.plus(DAY))
                .expectNoEvents();
    }

    @Test
    void a_report_sent_after_the_miss_closes_the_clock_as_late() {
        Instant awareAt = NOW.minus(Duration.ofHours(30));
        Instant dueAt = awareAt.plus(Duration.ofHours(24));
        Instant sentAt = NOW.minus(Duration.ofHours(1));
        fixture.given(typedReported("Febrile neutropenia", 3, List.of("HOSPITALISATION"), "definite", true, false),
                        clockSet(ReportingRule.SAE_REPORT_TO_SPONSOR, awareAt, dueAt, null, "Febrile neutropenia", 3),
                        missed(ReportingRule.SAE_REPORT_TO_SPONSOR, awareAt, dueAt, 3))
                .when(sent(ReportRecipient.SPONSOR, sentAt))
                .expectEvents(new SafetyDeadlineMet(SUBJECT, SITE, LocalDate.ofInstant(sentAt, ZoneOffset.UTC), NOW,
                        AE_ID, "SPONSOR", "SAE_REPORT_TO_SPONSOR", awareAt, dueAt, sentAt, false,
                        "Febrile neutropenia", 3));
    }

    @Test
    void a_susar_that_becomes_life_threatening_has_its_regulator_clock_brought_forward_to_7_days() {
        Instant awareAt = NOW.minus(DAY);
        Instant fifteenDays = awareAt.plus(Duration.ofDays(15));
        Instant sevenDaysFromNow = NOW.plus(Duration.ofDays(7));
        fixture.given(typedReported("Febrile neutropenia", 3, List.of("HOSPITALISATION"), "possible", false, true),
                        clockSet(ReportingRule.SAE_REPORT_TO_SPONSOR, awareAt, awareAt.plus(DAY), null,
                                "Febrile neutropenia", 3),
                        clockSet(ReportingRule.SUSAR_OTHER, awareAt, fifteenDays, null, "Febrile neutropenia", 3))
                .when(new UpdateAdverseEvent(AE_ID, OWN_SITE, ONSET.plusDays(2), null, null, null,
                        Set.of(SeriousnessCriterion.HOSPITALISATION, SeriousnessCriterion.LIFE_THREATENING), null,
                        null, null, null))
                .expectScheduledDeadline(sevenDaysFromNow, new ReportingAlarm(ReportRecipient.REGULATOR,
                        ReportingAlarm.Kind.DUE, sevenDaysFromNow))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(org.cartrial.api.safety.AdverseEventUpdated.class),
                                org.axonframework.test.matchers.Matchers.equalTo(new SafetyDeadlineSet(SUBJECT, SITE,
                                        LocalDate.ofInstant(awareAt, ZoneOffset.UTC), NOW, AE_ID, "REGULATOR",
                                        "SUSAR_FATAL_OR_LIFE_THREATENING", awareAt, sevenDaysFromNow, fifteenDays,
                                        "Febrile neutropenia", 3)),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void a_regulator_clock_is_never_pushed_later() {
        Instant awareAt = NOW.minus(Duration.ofDays(10));
        fixture.given(typedReported("Febrile neutropenia", 3, List.of("HOSPITALISATION"), "possible", false, true),
                        clockSet(ReportingRule.SAE_REPORT_TO_SPONSOR, awareAt, awareAt.plus(DAY), null,
                                "Febrile neutropenia", 3),
                        clockSet(ReportingRule.SUSAR_OTHER, awareAt, awareAt.plus(Duration.ofDays(15)), null,
                                "Febrile neutropenia", 3))
                .when(new UpdateAdverseEvent(AE_ID, OWN_SITE, ONSET.plusDays(2), 4, null, null, null, null, null,
                        null, null))
                .expectNoScheduledDeadlines()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(org.cartrial.api.safety.AdverseEventUpdated.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void a_report_no_clock_waits_for_is_refused() {
        fixture.given(typedReported("Febrile neutropenia", 3, List.of(), "definite", true, false))
                .when(sent(ReportRecipient.SPONSOR, NOW))
                .expectException(ruleBroken("no-report-due", "recipient"))
                .expectNoEvents();
        fixture.givenCommands(sae(3))
                .when(sent(ReportRecipient.REGULATOR, NOW))
                .expectException(ruleBroken("no-report-due", "recipient"))
                .expectNoEvents();
    }

    @Test
    void a_report_is_recorded_once() {
        fixture.givenCommands(sae(3), sent(ReportRecipient.SPONSOR, NOW))
                .when(sent(ReportRecipient.SPONSOR, NOW))
                .expectException(refused(CommandRefused.Reason.CONFLICT, "report-already-recorded", null))
                .expectNoEvents();
    }

    @Test
    void a_sending_moment_in_the_future_or_before_the_onset_is_refused() {
        fixture.givenCommands(sae(3))
                .when(sent(ReportRecipient.SPONSOR, NOW.plus(Duration.ofHours(1))))
                .expectException(ruleBroken("sent-in-the-future", "sentAt"))
                .expectNoEvents();
        fixture.givenCommands(sae(3))
                .when(sent(ReportRecipient.SPONSOR, ONSET.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .expectException(ruleBroken("sent-before-onset", "sentAt"))
                .expectNoEvents();
        fixture.givenCommands(sae(3))
                .when(sent(null, NOW))
                .expectException(ruleBroken("recipient-required", "recipient"))
                .expectNoEvents();
    }

    @Test
    void another_site_cannot_record_the_report() {
        fixture.givenCommands(sae(3))
                .when(new RecordReportSent(AE_ID, org.cartrial.api.SiteScope.of(Set.of("S02")),
                        ReportRecipient.SPONSOR, NOW))
                .expectException(refused(CommandRefused.Reason.NOT_FOUND, "adverse-event-not-found", null))
                .expectNoEvents();
    }

    @Test
    void the_protocol_windows_are_settings() {
        ReportingRules rules = new ReportingRules(Duration.ofHours(12), Duration.ofDays(5), Duration.ofDays(10),
                Duration.ofHours(2), DAY);
        org.assertj.core.api.Assertions.assertThat(rules.window(ReportingRule.SAE_REPORT_TO_SPONSOR))
                .isEqualTo(Duration.ofHours(12));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReportingRules(Duration.ZERO, DAY, DAY, DAY, DAY))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReportingRules(DAY, Duration.ofDays(20),
                Duration.ofDays(15), DAY, DAY)).isInstanceOf(IllegalArgumentException.class);
    }
}
