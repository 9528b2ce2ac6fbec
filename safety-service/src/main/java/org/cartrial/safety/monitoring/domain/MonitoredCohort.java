package org.cartrial.safety.monitoring.domain;

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
 * such events they have, and only once infused.
 */
public final class MonitoredCohort {

    private final Set<String> infused = new HashSet<>();
    private final Map<String, String> toxicAdverseEvents = new HashMap<>();
    private boolean signalling;

    /** Applies one of the monitor's events; other events are ignored. */
    public void apply(Object event) {
        if (event instanceof InfusedSubjectCounted counted) {
            infused.add(counted.subjectId());
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
        return infused.contains(subjectId);
    }

    public boolean isToxicityOfInterest(String adverseEventId) {
        return toxicAdverseEvents.containsKey(adverseEventId);
    }

    public int infusedSubjects() {
        return infused.size();
    }

    /** The infused subjects with at least one toxicity of interest, sorted. */
    public List<String> subjectsWithToxicity() {
        return List.copyOf(new TreeSet<>(toxicAdverseEvents.values().stream().filter(infused::contains).toList()));
    }

    public boolean signalling() {
        return signalling;
    }
}
