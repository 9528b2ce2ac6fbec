package org.cartrial.enrollment.status.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class SubjectMilestonesTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 20);

    @Test
    void the_status_follows_the_furthest_milestone() {
        assertThat(new SubjectMilestones("s", "S01", null, null, null, null, null, null, null).status())
                .isEqualTo(ResearchSubjectStatus.CANDIDATE);
        assertThat(new SubjectMilestones("s", "S01", D, false, null, null, null, null, null).status().fhirCode())
                .isEqualTo("ineligible");
        assertThat(new SubjectMilestones("s", "S01", D, true, null, null, null, null, null).status().fhirCode())
                .isEqualTo("eligible");
        assertThat(new SubjectMilestones("s", "S01", D, true, D, null, null, null, null).status().fhirCode())
                .isEqualTo("on-study");
        assertThat(new SubjectMilestones("s", "S01", D, true, D, D, null, null, null).status().fhirCode())
                .isEqualTo("on-study-intervention");
        assertThat(new SubjectMilestones("s", "S01", D, true, D, D, D, null, null).status().fhirCode())
                .isEqualTo("follow-up");
        assertThat(new SubjectMilestones("s", "S01", D, true, D, D, null, D, null).status().fhirCode())
                .isEqualTo("withdrawn");
        assertThat(new SubjectMilestones("s", "S01", D, true, D, D, null, D, D).status().fhirCode())
                .isEqualTo("off-study");
    }

    @Test
    void an_infusion_known_before_the_enrolment_still_counts() {
        // events of different contexts may arrive in any order; the milestones decide, not the arrival
        assertThat(new SubjectMilestones("s", "S01", null, null, null, D, null, null, null).status().fhirCode())
                .isEqualTo("on-study-intervention");
    }
}
