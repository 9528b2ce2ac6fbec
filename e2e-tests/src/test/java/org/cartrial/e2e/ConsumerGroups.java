package org.cartrial.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the services' consumer groups have committed. A consumer commits after it handled a batch, so a group past
 * an offset has handled that record: the proof that a duplicate was seen, not just that it was sent.
 */
final class ConsumerGroups implements AutoCloseable {

    private final Admin admin;

    ConsumerGroups(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Waits until every group reading the partition (our own probes aside) has committed past {@code offset}. */
    void awaitAllPast(TopicPartition partition, long offset, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Long> committed = Map.of();
        while (Instant.now().isBefore(deadline)) {
            committed = committed(partition);
            if (!committed.isEmpty() && committed.values().stream().allMatch(o -> o > offset)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("consumer groups did not get past offset %d of %s within %s; committed: %s"
                .formatted(offset, partition, timeout, committed));
    }

    Map<String, Long> committed(TopicPartition partition) {
        Map<String, Long> committed = new TreeMap<>();
        try {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                if (group.groupId().startsWith("probe-")) {
                    continue;
                }
                OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get().get(partition);
                if (offset != null) {
                    committed.put(group.groupId(), offset.offset());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return committed;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
