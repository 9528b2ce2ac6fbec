package org.cartrial.infusion.readiness.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cartrial.api.outcomes.ResponseCategory;

/** Builds the clinical states the infusion rules read, for tests. */
public final class ClinicalStates {

    private final String subjectId;
    private final String siteId;
    private LocalDate enrolledOn;
    private LocalDate withdrawnOn;
    private final Map<String, ResponseAssessment> assessments = new LinkedHashMap<>();
    private final Map<String, AdverseEventState> adverseEvents = new LinkedHashMap<>();
    private StatePosition position = new StatePosition("event-0", Instant.parse("2026-11-01T00:00:00Z"));

    private ClinicalStates(String subjectId, String siteId) {
        this.subjectId = subjectId;
        this.siteId = siteId;
    }

    public static ClinicalStates subject(String subjectId, String siteId) {
        return new ClinicalStates(subjectId, siteId);
    }

    public ClinicalStates enrolledOn(LocalDate date) {
        enrolledOn = date;
        return this;
    }

    public ClinicalStates withdrawnOn(LocalDate date) {
        withdrawnOn = date;
        return this;
    }

    public ClinicalStates assessment(String id, LocalDate on, ResponseCategory category, Boolean mrdNegative) {
        assessments.put(id, new ResponseAssessment(id, on, on.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                .plusSeconds(3600), category, mrdNegative));
        return this;
    }

    public ClinicalStates adverseEvent(String id, String term, int grade, LocalDate onset, LocalDate resolvedOn) {
        adverseEvents.put(id, new AdverseEventState(id, term, grade, onset, resolvedOn));
        return this;
    }

    public ClinicalStates position(String lastEventId, Instant recordedAt) {
        position = new StatePosition(lastEventId, recordedAt);
        return this;
    }

    public ClinicalState build() {
        return new ClinicalState(subjectId, siteId, enrolledOn, withdrawnOn, assessments, adverseEvents, position);
    }
}
