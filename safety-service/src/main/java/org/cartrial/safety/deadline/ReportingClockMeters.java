package org.cartrial.safety.deadline;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.cartrial.safety.deadline.query.DueDeadlinesProjection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code trial.safety.reporting.clocks} by status: the SAE/SUSAR reporting clocks still running (pending,
 * approaching), missed (running past their deadline) and closed (met, met late), read from the deadline read
 * model at most every 10 s however often it is scraped. An operator alerts on {@code status="missed"} above zero.
 */
class ReportingClockMeters implements MeterBinder {

    enum ClockStatus { PENDING, APPROACHING, MISSED, MET, MET_LATE }

    private final MongoTemplate mongo;
    private final LoadingCache<String, Map<ClockStatus, Long>> counts;

    ReportingClockMeters(MongoTemplate mongo) {
        this.mongo = mongo;
        this.counts = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).build(key -> count());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ClockStatus status : ClockStatus.values()) {
            Gauge.builder("trial.safety.reporting.clocks", this, meters -> meters.counts.get("all").get(status))
                    .description("SAE/SUSAR reporting clocks by status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    private Map<ClockStatus, Long> count() {
        Map<ClockStatus, Long> result = new EnumMap<>(ClockStatus.class);
        for (ClockStatus status : ClockStatus.values()) {
            result.put(status, mongo.count(new Query(Criteria.where("status").is(status.name())),
                    DueDeadlinesProjection.COLLECTION));
        }
        return result;
    }
}
