package org.cartrial.infusion.readiness.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CD22 gate of protocol section 2: CD22 CAR-T only when the latest response assessment is MRD-negative CR or
 * CRi and no open non-haematological adverse event is above grade 2. (CD22 only after CD19 is the infusion
 * course's own rule: it knows its infusions.) Judged as of a date, the infusion date: assessments dated after it
 * and adverse events that began after it are not looked at; an adverse event resolved on that date is resolved.
 * Every reason is listed, not only the first.
 */
public final class Cd22Gate {

    /** The highest grade an open non-haematological adverse event may have (CTCAE v5). */
    public static final int HIGHEST_GRADE_ALLOWED = 2;

    public static final String NO_ASSESSMENT = "no-response-assessment";
    public static final String NOT_IN_REMISSION = "not-in-remission";
    public static final String MRD_NOT_NEGATIVE = "mrd-not-negative";
    public static final String OPEN_ADVERSE_EVENT = "open-non-haematological-adverse-event";

    private Cd22Gate() {
    }

    public static GateAnswer evaluate(ClinicalState state, LocalDate asOf) {
        List<GateReason> reasons = new ArrayList<>();
        Optional<ResponseAssessment> latest = state.latestAssessmentBy(asOf);
        if (latest.isEmpty()) {
            reasons.add(new GateReason(NO_ASSESSMENT, "latestResponseAssessment",
                    "No response assessment is recorded on or before " + asOf + "."));
        } else {
            ResponseAssessment assessment = latest.get();
            String which = "The latest response assessment (" + assessment.assessmentId() + " on "
                    + assessment.assessedOn() + ")";
            if (!assessment.remission()) {
                reasons.add(new GateReason(NOT_IN_REMISSION, "latestResponseAssessment",
                        which + " is " + assessment.derivedResponse() + "; CD22 CAR-T needs CR or CRi."));
            } else if (!assessment.mrdNegativeRemission()) {
                reasons.add(new GateReason(MRD_NOT_NEGATIVE, "latestResponseAssessment",
                        which + " is " + assessment.derivedResponse() + " with MRD "
                                + (assessment.mrdNegative() == null ? "not measured or above the assay's limit"
                                        : "positive")
                                + "; CD22 CAR-T needs MRD-negative CR or CRi."));
            }
        }
        List<AdverseEventState> open = state.openAdverseEventsOn(asOf);
        for (AdverseEventState ae : open) {
            if (!ae.haematological() && ae.grade() > HIGHEST_GRADE_ALLOWED) {
                reasons.add(new GateReason(OPEN_ADVERSE_EVENT, "openAdverseEvents",
                        "Adverse event " + ae.adverseEventId() + " (" + ae.ctcaeTerm() + ", grade " + ae.grade()
                                + ") is open and non-haematological above grade " + HIGHEST_GRADE_ALLOWED + "."));
            }
        }
        return new GateAnswer(asOf, reasons, latest.orElse(null), open, state.position());
    }
}
