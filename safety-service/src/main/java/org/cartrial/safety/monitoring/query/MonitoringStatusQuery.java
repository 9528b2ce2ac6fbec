package org.cartrial.safety.monitoring.query;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.cartrial.api.protocol.ProtocolVersions;
import org.cartrial.safety.monitoring.domain.MonitoredCohort;
import org.cartrial.safety.monitoring.domain.MonitoringSettings;
import org.cartrial.safety.monitoring.domain.SafetyMonitor;
import org.cartrial.safety.monitoring.domain.ToxicityMonitoringRule;

/**
 * The monitor's state read from its own stream in the event store, so it is as current as the last command, under
 * the monitoring settings of the protocol version in force today.
 */
public class MonitoringStatusQuery {

    private final EventStore eventStore;
    private final ProtocolVersions protocol;
    private final Clock clock;

    public MonitoringStatusQuery(EventStore eventStore, ProtocolVersions protocol, Clock clock) {
        this.eventStore = eventStore;
        this.protocol = protocol;
        this.clock = clock;
    }

    public MonitoringStatus status() {
        MonitoringSettings settings = MonitoringSettings.of(protocol.effectiveOn(LocalDate.now(clock)));
        MonitoredCohort cohort = new MonitoredCohort();
        eventStore.readEvents(SafetyMonitor.ID).asStream().map(DomainEventMessage::getPayload).forEach(cohort::apply);
        ToxicityMonitoringRule rule = new ToxicityMonitoringRule(settings);
        int n = cohort.infusedSubjects();
        List<String> toxic = cohort.subjectsWithToxicity();
        OptionalInt boundary = n == 0 ? OptionalInt.empty() : rule.boundary(n);
        return new MonitoringStatus(SafetyMonitor.RULE, settings, n, toxic.size(), toxic,
                n == 0 ? null : rule.posteriorProbabilityAboveThreshold(toxic.size(), n),
                boundary.isPresent() ? boundary.getAsInt() : null, cohort.signalling(), rule.boundaryTable());
    }
}
