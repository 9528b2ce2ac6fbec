package org.cartrial.enrollment.status.domain;

import java.time.LocalDate;

/**
 * The milestones of one subject as learnt from every context's events; the status follows from them alone,
 * whatever order the events arrived in. {@code eligibilityDeviation}: the subject was enrolled and a corrected
 * screening found it ineligible; it stays on study (the status does not change), the deviation is shown beside it.
 */
public record SubjectMilestones(String subjectId, String siteId, LocalDate screenedOn, Boolean eligible,
        LocalDate enrolledOn, LocalDate cd19InfusedOn, LocalDate cd22InfusedOn, LocalDate withdrawnOn,
        LocalDate diedOn, boolean eligibilityDeviation) {

    public SubjectMilestones(String subjectId, String siteId, LocalDate screenedOn, Boolean eligible,
            LocalDate enrolledOn, LocalDate cd19InfusedOn, LocalDate cd22InfusedOn, LocalDate withdrawnOn,
            LocalDate diedOn) {
        this(subjectId, siteId, screenedOn, eligible, enrolledOn, cd19InfusedOn, cd22InfusedOn, withdrawnOn, diedOn,
                false);
    }

    public ResearchSubjectStatus status() {
        if (diedOn != null) {
            return ResearchSubjectStatus.OFF_STUDY;
        }
        if (withdrawnOn != null) {
            return ResearchSubjectStatus.WITHDRAWN;
        }
        if (cd22InfusedOn != null) {
            return ResearchSubjectStatus.FOLLOW_UP;
        }
        if (cd19InfusedOn != null) {
            return ResearchSubjectStatus.ON_STUDY_INTERVENTION;
        }
        if (enrolledOn != null) {
            return ResearchSubjectStatus.ON_STUDY;
        }
        if (eligible == null) {
            return ResearchSubjectStatus.CANDIDATE;
        }
        return eligible ? ResearchSubjectStatus.ELIGIBLE : ResearchSubjectStatus.INELIGIBLE;
    }
}
