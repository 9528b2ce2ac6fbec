package org.cartrial.safety.monitoring.query;

import java.util.List;

import org.cartrial.safety.monitoring.domain.MonitoringSettings;
import org.cartrial.safety.monitoring.domain.ToxicityMonitoringRule.Boundary;

/**
 * Where the monitoring rule stands: the counts, the posterior probability, whether a signal stands, the boundary
 * at the current number of infused subjects (null when no count would signal) and the whole boundary table.
 */
public record MonitoringStatus(
        String rule,
        MonitoringSettings settings,
        int infusedSubjects,
        int subjectsWithToxicity,
        List<String> subjectsCounted,
        Double posteriorProbability,
        Integer boundary,
        boolean signalling,
        List<Boundary> boundaryTable) {
}
