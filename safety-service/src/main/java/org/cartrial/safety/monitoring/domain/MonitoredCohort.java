package org.cartrial.safety.monitoring.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;

import org.cartrial.api.safety.SafetySignalRaised;

/**
 * What the monitoring rule counts, rebuilt from the monitor's events: the CD19-infused subjects (denominator), the
 * adverse events that are toxicities of interest, and whether a signal stands. A subject counts once however many
 * such events they have, and only once infused. Each subject's day 0 follows the corrections of the CD19 infusion.
 */
public final class MonitoredCohort {

    private final Map<String, LocalDate> infused = new HashMap<>();
    private final Set<String> appliedDay0Corrections = new HashSet<>();
    private final Map<String, String> toxicAdverseEvents = new HashMap<>();
    private boolean signalling;

    /** Applies one of the monitor's events; other events are ignored. */
    public void apply(Object event) {
        if (event instanceof InfusedSubjectCounted counted) {
            infused.put(counted.subjectId(), counted.day0());
        } else if (event instanceof Day0Corrected corrected) {
            infused.put(corrected.subjectId(), corrected.day0());
            appliedDay0Corrections.add(corrected.correctionId());
        } else if (event instanceof AdverseEventClassified classified) {
            if (classified.toxicity() != null) {
                toxicAdverseEvents.put(classified.adverseEventId(), classified.subjectId());
            } else {
                toxicAdverseEvents.remove(classified.adverseEventId());
            }
        } else if (event instanceof SafetySignalRaised) {
            signalling = true;
        } else if (event instanceof SafetySignalLapsed) {
            signalling = false;
        }
    }

    public boolean isInfused(String subjectId) {
        return infused.containsKey(subjectId);
    }

    /** The subject's day 0 as the monitor holds it (the CD19 infusion date, as last corrected), or null. */
    public LocalDate day0Of(String subjectId) {
        return infused.get(subjectId);
    }

    public boolean hasApplied(String day0CorrectionId) {
        return appliedDay0Corrections.contains(day0CorrectionId);
    }

    public boolean isToxicityOfInterest(String adverseEventId) {
        return toxicAdverseEvents.containsKey(adverseEventId);
    }

    public int infusedSubjects() {
        return infused.size();
    }

    /** The infused subjects with at least one toxicity of interest, sorted. */
    public List<String> subjectsWithToxicity() {
        return List.copyOf(new TreeSet<>(toxicAdverseEvents.values().stream().filter(infused::containsKey).toList()));
    }

    public boolean signalling() {
        return signalling;
    }
}
