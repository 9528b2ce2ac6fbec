package org.cartrial.support.consistency;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Tells {@link AppliedPositions} what every consumer binding of the service has finished: a record (or batch)
 * interceptor on each binding's listener container reports the records the read model's function returned from
 * (applied, recognised as a duplicate, or dead-lettered), and the rebalance callbacks report which partitions are
 * read here and from where. Record and batch consumers are covered alike. Offsets are committed asynchronously.
 */
public class ConsumedOffsetsTracking
        implements ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>>, KafkaBindingRebalanceListener {

    private final AppliedPositions applied;
    private final BindingServiceProperties bindings;

    public ConsumedOffsetsTracking(AppliedPositions applied, BindingServiceProperties bindings) {
        this.applied = applied;
        this.bindings = bindings;
        bindings.getBindings().forEach((name, binding) -> {
            if (binding.getGroup() != null && binding.getDestination() != null && name.contains("-in-")) {
                applied.subscribed(binding.getGroup(), java.util.List.of(binding.getDestination().split("\\s*,\\s*")));
            }
        });
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group) {
        if (group == null) {
            return;
        }
        applied.subscribed(group, java.util.List.of(destinationName.split("\\s*,\\s*")));
        // A poll's offsets are committed without the consumer waiting for the broker's answer: a commit only bounds
        // what is delivered again after a failure (applied once anyway), and what a waiting request asks about is
        // tracked here, not read from the commit. A synchronous commit per poll was a seventh of a consumer
        // thread's CPU when one command at a time made every poll one record (issue 10 profile).
        container.getContainerProperties().setSyncCommits(false);
        ((AbstractMessageListenerContainer) container).setRecordInterceptor(new RecordInterceptor<Object, Object>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                    Consumer<Object, Object> consumer) {
                return record;
            }

            @Override
            public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                applied.applied(group, record.topic(), record.partition(), record.offset());
            }
        });
        ((AbstractMessageListenerContainer) container).setBatchInterceptor(new BatchInterceptor<Object, Object>() {
            @Override
            public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
                    Consumer<Object, Object> consumer) {
                return records;
            }

            @Override
            public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
                for (ConsumerRecord<Object, Object> record : records) {
                    applied.applied(group, record.topic(), record.partition(), record.offset());
                }
            }
        });
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions, boolean initial) {
        String group = group(bindingName);
        if (group != null) {
            for (TopicPartition partition : partitions) {
                applied.assigned(group, partition.topic(), partition.partition(), consumer.position(partition));
            }
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        String group = group(bindingName);
        if (group != null) {
            partitions.forEach(p -> applied.revoked(group, p.topic(), p.partition()));
        }
    }

    private String group(String bindingName) {
        var binding = bindings.getBindings().get(bindingName);
        return binding == null ? null : binding.getGroup();
    }
}
