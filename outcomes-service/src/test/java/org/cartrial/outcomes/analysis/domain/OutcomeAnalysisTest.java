package org.cartrial.outcomes.analysis.domain;

import org.cartrial.api.outcomes.ResponseCategory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The endpoint definitions (data/README.md, "Definitions") on a handful of subjects with known answers. */
class OutcomeAnalysisTest {

    private static final LocalDate CUTOFF = LocalDate.of(2023, 12, 31);
    private static final LocalDate JAN_1 = LocalDate.of(2023, 1, 1);

    /** A maximum grade known from day 0 of the subjects infused on 1 January 2023. */
    private static SyndromeHistory grade(Integer grade) {
        return SyndromeHistory.maxGradeOn(grade, JAN_1);
    }

    private static ResponseAssessment assessed(LocalDate on, ResponseCategory response) {
        return new ResponseAssessment(on, response, MrdStatus.NEGATIVE);
    }

    /** Screening CR before day 0 (ignored), CR on day 97 (counts); relapse and death on one day. */
    private static final SubjectCourse RESPONDER_ON_DAY_97 = new SubjectCourse("A", "S01", JAN_1, null,
            List.of(assessed(LocalDate.of(2022, 12, 20), ResponseCategory.CR), assessed(JAN_1.plusDays(28), ResponseCategory.NR),
                    assessed(JAN_1.plusDays(97), ResponseCategory.CR)),
            new Relapse(LocalDate.of(2023, 6, 1), AntigenStatus.NEGATIVE, AntigenStatus.POSITIVE),
            LocalDate.of(2023, 6, 1), LocalDate.of(2023, 6, 1), null, grade(3), grade(1));

    /** CR first on day 98; death and follow-up recorded after the cut-off. */
    private static final SubjectCourse LATE_RESPONDER = new SubjectCourse("B", "S01", JAN_1, JAN_1.plusDays(60),
            List.of(assessed(JAN_1.plusDays(98), ResponseCategory.CR)), null, LocalDate.of(2024, 2, 1),
            LocalDate.of(2024, 3, 1), null, grade(2), grade(0));

    /** Infused, nothing known since: censored on day 0. */
    private static final SubjectCourse ZERO_FOLLOW_UP = new SubjectCourse("C", "S02", LocalDate.of(2023, 2, 1), null,
            List.of(), null, null, null, null, null, null);

    private static final SubjectCourse NEVER_INFUSED = new SubjectCourse("D", "S02", null, null, List.of(), null, null,
            LocalDate.of(2023, 3, 1), null, null, null);

    private static final SubjectCourse INFUSED_AFTER_CUTOFF = new SubjectCourse("E", "S03", LocalDate.of(2024, 1, 5),
            null, List.of(), null, null, LocalDate.of(2024, 1, 5), null, grade(1), grade(1));

    /** CRi on day 28, withdrawn, died in remission; a relapse dated after the cut-off does not count. */
    private static final SubjectCourse DIED_IN_REMISSION = new SubjectCourse("F", "S03", JAN_1, null,
            List.of(assessed(JAN_1.plusDays(28), ResponseCategory.CRI)),
            new Relapse(LocalDate.of(2024, 1, 10), AntigenStatus.NEGATIVE, AntigenStatus.NEGATIVE),
            LocalDate.of(2023, 3, 1), LocalDate.of(2023, 2, 15), LocalDate.of(2023, 2, 15), grade(4), grade(4));

    private static final OutcomeAnalysis ANALYSIS = OutcomeAnalysis.of(List.of(RESPONDER_ON_DAY_97, LATE_RESPONDER,
            ZERO_FOLLOW_UP, NEVER_INFUSED, INFUSED_AFTER_CUTOFF, DIED_IN_REMISSION), CUTOFF);

    @Test
    void counts_only_subjects_infused_by_the_cutoff_and_what_they_had_by_then() {
        assertThat(ANALYSIS.counts()).isEqualTo(new CohortCounts(6, 4, 2, 2, 1, 1, 1, 0, 1, 1));
    }

    @Test
    void orr_counts_cr_or_cri_on_days_0_to_97_among_all_infused() {
        ResponseRate orr = ANALYSIS.orr();

        assertThat(orr.count()).isEqualTo(2);
        assertThat(orr.n()).isEqualTo(4);
        assertThat(orr.crCriAnyTime()).isEqualTo(3);
        assertThat(orr.crCriOnlyAfterWindow()).isEqualTo(1);
        assertThat(orr.ciLower()).isEqualTo(ExactProportion.of(2, 4).lower());
    }

    @Test
    void os_ignores_deaths_after_the_cutoff_and_caps_follow_up_at_it() {
        SurvivalTable table = ANALYSIS.os().confLog().table();

        // C censored on day 0, F died on day 59, A on day 151, B censored at the cut-off (day 364).
        assertThat(table.time()).containsExactly(0.0, 59.0, 151.0, 364.0);
        assertThat(table.nEvent()).containsExactly(0, 1, 1, 0);
        assertThat(ANALYSIS.os().events()).isEqualTo(2);
    }

    @Test
    void efs_counts_no_remission_in_the_window_as_an_event_on_day_0() {
        SurvivalTable table = ANALYSIS.efs().confLog().table();

        // B (CR only on day 98) and C (nothing known) fail induction on day 0; F dies on day 59; A relapses on day 151.
        assertThat(table.time()).containsExactly(0.0, 59.0, 151.0);
        assertThat(table.nEvent()).containsExactly(2, 1, 1);
        assertThat(ANALYSIS.efs().events()).isEqualTo(4);
    }

    @Test
    void dfs_starts_at_the_first_remission_at_any_time_and_the_window_version_at_the_first_in_the_window() {
        // F: day 28 to death 31 days later; A: day 97 to relapse 54 days later; B: day 98 to the cut-off, 266 days.
        assertThat(ANALYSIS.dfs().confLog().table().time()).containsExactly(31.0, 54.0, 266.0);
        assertThat(ANALYSIS.dfs().events()).isEqualTo(2);
        assertThat(ANALYSIS.dfsWindowResponders().confLog().table().time()).containsExactly(31.0, 54.0);
    }

    @Test
    void cir_counts_relapse_and_death_on_one_day_as_relapse() {
        CumulativeIncidenceOfRelapse cir = ANALYSIS.cir();

        assertThat(cir.relapses()).isEqualTo(1);
        assertThat(cir.deathsWithoutRelapse()).isEqualTo(1);
        assertThat(cir.censored()).isEqualTo(1);
        // F's death in remission on day 31 leaves 2/3 in remission; A's relapse on day 54 takes half of them.
        assertThat(values(cir.curve().relapse())).containsExactly(new double[] {0, 1.0 / 3, 1.0 / 3}, within(1e-12));
        assertThat(values(cir.curve().deathWithoutRelapse())).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3},
                within(1e-12));
    }

    private static double[] values(List<Double> column) {
        return column.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void toxicity_rates_count_missing_grades_as_not_severe() {
        ToxicityGrades crs = ANALYSIS.crs();

        assertThat(crs.counts()).containsEntry(2, 1).containsEntry(3, 1).containsEntry(4, 1).containsEntry(0, 0);
        assertThat(crs.missing()).isEqualTo(1);
        assertThat(crs.ge3Count()).isEqualTo(2);
        assertThat(crs.ge3Rate()).isEqualTo(0.5);
        assertThat(crs.ge3RateAmongReported()).isEqualTo(2.0 / 3);
        assertThat(crs.nReported()).isEqualTo(3);
    }

    @Test
    void a_surveillance_without_the_syndrome_is_grade_0_an_adverse_event_outranks_it_and_the_cutoff_dates_both() {
        LocalDate surveyedUpTo = JAN_1.plusDays(28);
        SyndromeHistory noneSeen = new SyndromeHistory(List.of(), surveyedUpTo);
        SyndromeHistory grade2AfterNoneSeen = new SyndromeHistory(
                List.of(new SyndromeHistory.GradedOnset(JAN_1.plusDays(40), 2)), surveyedUpTo);
        SyndromeHistory grade3AfterTheCutoff = new SyndromeHistory(
                List.of(new SyndromeHistory.GradedOnset(CUTOFF.plusDays(1), 3)), null);

        assertThat(noneSeen.maxGrade(DataCutoff.of(CUTOFF))).isZero();
        assertThat(noneSeen.maxGrade(DataCutoff.of(surveyedUpTo.minusDays(1)))).isNull();
        assertThat(grade2AfterNoneSeen.maxGrade(DataCutoff.of(CUTOFF))).isEqualTo(2);
        assertThat(grade2AfterNoneSeen.maxGrade(DataCutoff.of(JAN_1.plusDays(39)))).isZero();
        assertThat(grade3AfterTheCutoff.maxGrade(DataCutoff.of(CUTOFF))).isNull();
        assertThat(SyndromeHistory.NOT_REPORTED.maxGrade(DataCutoff.of(CUTOFF))).isNull();

        SubjectCourse surveyed = new SubjectCourse("H", "S01", JAN_1, null, List.of(), null, null, CUTOFF, null,
                noneSeen, grade3AfterTheCutoff);
        OutcomeAnalysis analysis = OutcomeAnalysis.of(List.of(surveyed), CUTOFF);
        assertThat(analysis.crs().counts()).containsEntry(0, 1);
        assertThat(analysis.crs().nReported()).isEqualTo(1);
        assertThat(analysis.icans().missing()).isEqualTo(1);
        assertThat(analysis.icans().ge3Count()).isZero();
    }

    @Test
    void refuses_dates_that_contradict_each_other() {
        // Last follow-up recorded before the remission that starts the DFS clock.
        SubjectCourse inconsistent = new SubjectCourse("G", "S01", JAN_1, null,
                List.of(assessed(JAN_1.plusDays(28), ResponseCategory.CR)), null, null, JAN_1.plusDays(10), null, grade(0), grade(0));

        assertThatThrownBy(() -> OutcomeAnalysis.of(List.of(inconsistent), CUTOFF).dfs())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("negative times");
    }
}
