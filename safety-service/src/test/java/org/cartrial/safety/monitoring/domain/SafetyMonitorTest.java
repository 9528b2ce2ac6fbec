package org.cartrial.safety.monitoring.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import java.math.BigDecimal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.cartrial.api.protocol.ProtocolHistory;
import org.cartrial.api.protocol.ProtocolSettings;
import org.cartrial.api.safety.SafetySignalRaised;
import org.cartrial.safety.adverseevent.domain.AdverseEventTerms;
import org.cartrial.safety.adverseevent.domain.RelationshipToCarT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetyMonitorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final LocalDate DAY0 = LocalDate.of(2026, 11, 10);
    private static final LocalDate ONSET = LocalDate.of(2026, 11, 12);
    private static final String ID = SafetyMonitor.ID;
    private static final String CRS = AdverseEventTerms.CYTOKINE_RELEASE_SYNDROME;
    private static final SafetyMonitorStarted STARTED = new SafetyMonitorStarted(ID, SafetyMonitor.RULE, NOW);

    private AggregateTestFixture<SafetyMonitor> fixture;
    private ProtocolHistory protocol;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SafetyMonitor.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        protocol = new ProtocolHistory();
        fixture.registerInjectableResource(protocol);
    }

    /** The posterior the rule computes (checked independently in {@link ToxicityMonitoringRuleTest}). */
    private static double p(int toxic, int infused) {
        return new ToxicityMonitoringRule(MonitoringSettings.VERSION_1_0).posteriorProbabilityAboveThreshold(toxic,
                infused);
    }

    private static String subject(int i) {
        return "S01-" + String.format("%04d", i);
    }

    private static InfusedSubjectCounted infused(int i) {
        return new InfusedSubjectCounted(ID, subject(i), "S01", DAY0, NOW);
    }

    private static AdverseEventClassified toxic(int i, String toxicity) {
        return new AdverseEventClassified(ID, "ae-" + i, subject(i), "S01", toxicity, ONSET, NOW);
    }

    private static ClassifyAdverseEvent classify(int i, String term, int grade, RelationshipToCarT relationship) {
        return new ClassifyAdverseEvent(ID, "ae-" + i, subject(i), "S01", term, grade, relationship, ONSET);
    }

    private static SafetySignalRaised raised(int trigger, LocalDate on, int n, List<String> counted, int boundary,
            double posterior) {
        return new SafetySignalRaised(subject(trigger), "S01", on, NOW, SafetyMonitor.RULE, n, counted.size(), boundary,
                posterior, 0.20, 0.90, 1, 1, counted, "1.0");
    }

    @Test
    void an_infused_subject_is_counted_once() {
        fixture.givenNoPriorActivity()
                .when(new CountInfusedSubject(ID, subject(1), "S01", DAY0))
                .expectEvents(STARTED, infused(1));
        fixture.given(infused(1))
                .when(new CountInfusedSubject(ID, subject(1), "S01", DAY0))
                .expectNoEvents();
    }

    @Test
    void a_corrected_cd19_infusion_date_moves_day_0_once_and_a_redelivered_earlier_correction_changes_nothing() {
        LocalDate corrected = DAY0.minusDays(2);
        LocalDate correctedAgain = DAY0.minusDays(1);
        Day0Corrected first = new Day0Corrected(ID, subject(1), "S01", DAY0, corrected, "c1", NOW);
        fixture.given(infused(1))
                .when(new CorrectDay0(ID, subject(1), "S01", corrected, "c1"))
                .expectEvents(first);
        fixture.given(infused(1), first)
                .when(new CorrectDay0(ID, subject(1), "S01", corrected, "c1"))
                .expectNoEvents();
        // the earlier correction delivered again after a later one
        fixture.given(infused(1), first, new Day0Corrected(ID, subject(1), "S01", corrected, correctedAgain, "c2",
                NOW))
                .when(new CorrectDay0(ID, subject(1), "S01", corrected, "c1"))
                .expectNoEvents();
        // a correction of the dose only leaves day 0
        fixture.given(infused(1))
                .when(new CorrectDay0(ID, subject(1), "S01", DAY0, "c3"))
                .expectNoEvents();
    }

    @Test
    void a_correction_of_a_subject_not_yet_counted_counts_it_from_the_corrected_day_0() {
        LocalDate corrected = DAY0.minusDays(2);
        fixture.given(STARTED)
                .when(new CorrectDay0(ID, subject(1), "S01", corrected, "c1"))
                .expectEvents(new InfusedSubjectCounted(ID, subject(1), "S01", corrected, NOW),
                        new Day0Corrected(ID, subject(1), "S01", null, corrected, "c1", NOW));
        // the original infusion arriving late is not counted twice, and day 0 stays corrected
        fixture.given(STARTED, new InfusedSubjectCounted(ID, subject(1), "S01", corrected, NOW),
                new Day0Corrected(ID, subject(1), "S01", null, corrected, "c1", NOW))
                .when(new CountInfusedSubject(ID, subject(1), "S01", DAY0))
                .expectNoEvents();
    }

    @Test
    void the_rule_is_evaluated_again_under_the_version_in_force_on_the_corrected_day_0() {
        ProtocolSettings amended = lowerRateThreshold(DAY0.plusDays(1));
        protocol.add(amended);
        ToxicityMonitoringRule rule = new ToxicityMonitoringRule(MonitoringSettings.of(amended));
        List<Object> given = tenInfusedThreeToxic();
        given.add(toxic(3, "SEVERE_CRS"));
        LocalDate corrected = DAY0.plusDays(2);
        List<String> counted = List.of(subject(1), subject(2), subject(3));
        assertThat(p(3, 10)).as("no signal under 1.0, in force on the day 0 recorded").isLessThan(0.90);
        fixture.given(given)
                .when(new CorrectDay0(ID, subject(4), "S01", corrected, "c1"))
                .expectEvents(new Day0Corrected(ID, subject(4), "S01", DAY0, corrected, "c1", NOW),
                        new SafetySignalRaised(subject(4), "S01", corrected, NOW, SafetyMonitor.RULE, 10, 3,
                                rule.boundary(10).orElseThrow(), rule.posteriorProbabilityAboveThreshold(3, 10), 0.10,
                                0.90, 1, 1, counted, "1.1"));
    }

    @Test
    void grade_4_crs_in_the_only_infused_subject_raises_the_signal() {
        fixture.given(infused(1))
                .when(classify(1, CRS, 4, RelationshipToCarT.DEFINITE))
                .expectEvents(toxic(1, "SEVERE_CRS"), raised(1, ONSET, 1, List.of(subject(1)), 1, p(1, 1)));
    }

    @Test
    void a_grade_3_crs_is_not_counted() {
        fixture.given(infused(1))
                .when(classify(1, CRS, 3, RelationshipToCarT.DEFINITE))
                .expectNoEvents();
    }

    @Test
    void a_first_adverse_event_that_is_no_toxicity_of_interest_only_starts_the_monitor() {
        fixture.givenNoPriorActivity()
                .when(classify(1, "Febrile neutropenia", 3, RelationshipToCarT.POSSIBLE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(STARTED);
    }

    @Test
    void a_toxicity_in_a_subject_not_known_as_infused_is_recorded_but_not_counted() {
        fixture.givenNoPriorActivity()
                .when(classify(1, CRS, 4, RelationshipToCarT.DEFINITE))
                .expectEvents(STARTED, toxic(1, "SEVERE_CRS"));
    }

    @Test
    void a_toxicity_before_the_infusion_is_known_counts_when_the_infusion_arrives() {
        fixture.given(toxic(1, "SEVERE_ICANS"))
                .when(new CountInfusedSubject(ID, subject(1), "S01", DAY0))
                .expectEvents(infused(1), raised(1, DAY0, 1, List.of(subject(1)), 1, p(1, 1)));
    }

    @Test
    void the_signal_is_raised_once_per_crossing() {
        fixture.given(infused(1), toxic(1, "SEVERE_CRS"), raised(1, ONSET, 1, List.of(subject(1)), 1, p(1, 1)))
                .when(new ClassifyAdverseEvent(ID, "ae-9", subject(1), "S01", AdverseEventTerms.ICANS, 4,
                        RelationshipToCarT.PROBABLE, ONSET))
                .expectEvents(new AdverseEventClassified(ID, "ae-9", subject(1), "S01", "SEVERE_ICANS", ONSET, NOW));
    }

    @Test
    void more_infusions_let_the_signal_lapse_and_a_new_crossing_raises_it_again() {
        SafetySignalRaised first = raised(1, ONSET, 1, List.of(subject(1)), 1, p(1, 1));
        fixture.given(infused(1), toxic(1, "SEVERE_CRS"), first)
                .when(new CountInfusedSubject(ID, subject(2), "S01", DAY0))
                .expectEvents(infused(2), new SafetySignalLapsed(ID, 2, 1, p(1, 2), NOW));
        fixture.given(infused(1), toxic(1, "SEVERE_CRS"), first, infused(2),
                        new SafetySignalLapsed(ID, 2, 1, p(1, 2), NOW))
                .when(classify(2, CRS, 5, RelationshipToCarT.DEFINITE))
                .expectEvents(toxic(2, "SEVERE_CRS"),
                        raised(2, ONSET, 2, List.of(subject(1), subject(2)), 2, p(2, 2)));
    }

    @Test
    void a_toxicity_corrected_away_lets_the_signal_lapse() {
        fixture.given(infused(1), toxic(1, "SEVERE_CRS"), raised(1, ONSET, 1, List.of(subject(1)), 1, p(1, 1)))
                .when(classify(1, CRS, 3, RelationshipToCarT.DEFINITE))
                .expectEvents(toxic(1, null), new SafetySignalLapsed(ID, 1, 0, p(0, 1), NOW));
    }

    @Test
    void at_10_infused_subjects_the_fourth_toxic_subject_raises_the_signal() {
        assertThat(p(4, 10)).isCloseTo(0.9495904256, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(p(3, 10)).isLessThan(0.90);
        List<Object> history = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            history.add(infused(i));
        }
        for (int i = 1; i <= 3; i++) {
            history.add(toxic(i, "SEVERE_CRS"));
        }
        fixture.given(history)
                .when(classify(4, "Sepsis", 5, RelationshipToCarT.POSSIBLE))
                .expectEvents(toxic(4, "TREATMENT_RELATED_DEATH"),
                        raised(4, ONSET, 10, List.of(subject(1), subject(2), subject(3), subject(4)), 4,
                                p(4, 10)));
    }

    /** Version 1.0 with the monitoring rule's toxicity rate threshold lowered to 0.10, effective from {@code from}. */
    private static ProtocolSettings lowerRateThreshold(LocalDate from) {
        ProtocolSettings v1 = ProtocolSettings.VERSION_1_0;
        return new ProtocolSettings("1.1", from, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, new BigDecimal("0.10"), null, null, null).completedBy(v1);
    }

    private static List<Object> tenInfusedThreeToxic() {
        List<Object> history = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            history.add(infused(i));
        }
        for (int i = 1; i <= 2; i++) {
            history.add(toxic(i, "SEVERE_CRS"));
        }
        return history;
    }

    @Test
    void an_amended_monitoring_rule_in_force_on_the_clinical_date_decides_and_is_recorded_in_the_signal() {
        ProtocolSettings amended = lowerRateThreshold(ONSET);
        protocol.add(amended);
        ToxicityMonitoringRule rule = new ToxicityMonitoringRule(MonitoringSettings.of(amended));
        assertThat(p(3, 10)).isLessThan(0.90);
        assertThat(rule.signals(3, 10)).isTrue();
        List<String> counted = List.of(subject(1), subject(2), subject(3));
        fixture.given(tenInfusedThreeToxic())
                .when(classify(3, CRS, 4, RelationshipToCarT.DEFINITE))
                .expectEvents(toxic(3, "SEVERE_CRS"), new SafetySignalRaised(subject(3), "S01", ONSET, NOW,
                        SafetyMonitor.RULE, 10, 3, rule.boundary(10).orElseThrow(),
                        rule.posteriorProbabilityAboveThreshold(3, 10), 0.10, 0.90, 1, 1, counted, "1.1"));
    }

    @Test
    void an_amended_monitoring_rule_does_not_decide_about_a_change_dated_before_it() {
        protocol.add(lowerRateThreshold(ONSET.plusDays(1)));
        fixture.given(tenInfusedThreeToxic())
                .when(classify(3, CRS, 4, RelationshipToCarT.DEFINITE))
                .expectEvents(toxic(3, "SEVERE_CRS"));
    }

    @ParameterizedTest(name = "{0} grade {1}, {2} -> {3}")
    @CsvSource({
            "Cytokine release syndrome, 4, DEFINITE, SEVERE_CRS",
            "CRS, 5, UNRELATED, SEVERE_CRS",
            "Cytokine release syndrome, 3, DEFINITE, ''",
            "Immune effector cell-associated neurotoxicity syndrome, 4, PROBABLE, SEVERE_ICANS",
            "Immune effector cell-associated neurotoxicity syndrome, 3, PROBABLE, ''",
            "Sepsis, 5, POSSIBLE, TREATMENT_RELATED_DEATH",
            "Sepsis, 5, UNLIKELY, ''",
            "Sepsis, 4, DEFINITE, ''"})
    void what_counts_as_a_toxicity_of_interest(String term, int grade, RelationshipToCarT relationship,
            String toxicity) {
        assertThat(ToxicityOfInterest.of(term, grade, relationship).map(Enum::name).orElse(""))
                .isEqualTo(toxicity);
    }
}
