package org.cartrial.safety.monitoring;

import java.time.Duration;

import org.cartrial.safety.monitoring.query.MonitoringStatus;
import org.cartrial.safety.monitoring.query.MonitoringStatusQuery;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Where the toxicity monitoring rule stands, as gauges: infused subjects, subjects with the toxicity of interest,
 * the boundary at the current count, the posterior probability and whether a signal stands (1) or not (0). Read
 * from the monitor's own events at most every 10 s.
 */
class MonitoringRuleMeters implements MeterBinder {

    private final LoadingCache<String, MonitoringStatus> status;

    MonitoringRuleMeters(MonitoringStatusQuery query) {
        this.status = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).build(key -> query.status());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "trial.safety.monitoring.infused.subjects", "Subjects counted by the monitoring rule",
                s -> s.infusedSubjects());
        gauge(registry, "trial.safety.monitoring.toxic.subjects", "Subjects with the toxicity of interest",
                s -> s.subjectsWithToxicity());
        gauge(registry, "trial.safety.monitoring.boundary",
                "Toxic subjects that signal at the current count (NaN when none would)",
                s -> s.boundary() == null ? Double.NaN : s.boundary());
        gauge(registry, "trial.safety.monitoring.posterior.probability",
                "Posterior probability that the toxicity rate exceeds the threshold",
                s -> s.posteriorProbability() == null ? Double.NaN : s.posteriorProbability());
        gauge(registry, "trial.safety.monitoring.signalling", "1 while the rule's stopping signal stands",
                s -> s.signalling() ? 1 : 0);
    }

    private void gauge(MeterRegistry registry, String name, String description,
            java.util.function.ToDoubleFunction<MonitoringStatus> value) {
        Gauge.builder(name, this, meters -> value.applyAsDouble(meters.status.get("rule")))
                .description(description).tag("rule", "toxicity").register(registry);
    }
}
