package org.cartrial.support.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.cartrial.api.consistency.ConsistencyToken;
import org.cartrial.api.consistency.ConsistencyToken.Partition;
import org.junit.jupiter.api.Test;

class AppliedPositionsTest {

    private final Map<String, Map<Partition, Long>> broker = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger brokerLooks = new AtomicInteger();
    private final AppliedPositions applied = new AppliedPositions(group -> {
        brokerLooks.incrementAndGet();
        return broker.getOrDefault(group, Map.of());
    });

    @Test
    void a_token_is_honoured_once_every_group_reading_its_topic_applied_its_offset() throws Exception {
        applied.subscribed("courses", List.of("trial.enrollment.events", "trial.outcomes.events"));
        applied.subscribed("consort", List.of("trial.enrollment.events"));
        applied.assigned("courses", "trial.enrollment.events", 2, 0);
        applied.assigned("consort", "trial.enrollment.events", 2, 0);
        ConsistencyToken token = ConsistencyToken.of("trial.enrollment.events", 2, 5);

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(token, Duration.ofSeconds(10)));
        applied.applied("courses", "trial.enrollment.events", 2, 5);
        Thread.sleep(50);
        assertThat(waiting).as("consort has not applied offset 5 yet").isNotDone();

        applied.applied("consort", "trial.enrollment.events", 2, 5);
        assertThat(waiting.get()).isTrue();
        assertThat(brokerLooks).as("every partition is read here").hasValue(0);
    }

    @Test
    void topics_no_read_model_here_reads_are_not_waited_for() throws Exception {
        applied.subscribed("readiness", List.of("trial.enrollment.events"));

        assertThat(applied.await(ConsistencyToken.of("trial.safety.events", 0, 99), Duration.ofMillis(1))).isTrue();
    }

    @Test
    void a_partition_read_by_another_instance_is_judged_by_the_group_s_committed_offset() throws Exception {
        applied.subscribed("readiness", List.of("trial.enrollment.events"));
        ConsistencyToken token = ConsistencyToken.of("trial.enrollment.events", 1, 7);

        assertThat(applied.await(token, Duration.ofMillis(100))).as("committed offset unknown").isFalse();
        broker.put("readiness", Map.of(new Partition("trial.enrollment.events", 1), 8L));
        assertThat(applied.await(token, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void a_token_never_applied_is_waited_for_only_as_long_as_allowed() throws Exception {
        applied.subscribed("readiness", List.of("trial.enrollment.events"));
        applied.assigned("readiness", "trial.enrollment.events", 0, 3);

        assertThat(applied.await(ConsistencyToken.of("trial.enrollment.events", 0, 2), Duration.ZERO)).isTrue();
        assertThat(applied.await(ConsistencyToken.of("trial.enrollment.events", 0, 3), Duration.ofMillis(50)))
                .isFalse();
    }

    private boolean await(ConsistencyToken token, Duration timeout) {
        try {
            return applied.await(token, timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
