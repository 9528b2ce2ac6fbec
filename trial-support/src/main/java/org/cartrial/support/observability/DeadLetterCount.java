package org.cartrial.support.observability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The binder asks this function for the dead-letter partition of every record it gives up on: the one place that
 * sees each dead-lettered record, so it counts {@code trial.consumer.dead.lettered} by group and topic. The
 * dead-letter topics have one partition (see {@code dlq-partitions}).
 */
public class DeadLetterCount implements DlqPartitionFunction {

    private final MeterRegistry registry;

    public DeadLetterCount(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable cause) {
        Counter.builder("trial.consumer.dead.lettered")
                .description("Records a consumer could not apply and sent to its dead-letter topic")
                .tag("group", group == null ? "none" : group)
                .tag("topic", record.topic())
                .register(registry)
                .increment();
        return 0;
    }
}
