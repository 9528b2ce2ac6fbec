package org.cartrial.support.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class ForwardedEventsTest {

    private final ForwardedEvents forwarded = new ForwardedEvents();

    @Test
    void a_write_gets_the_positions_of_its_events_whether_forwarded_before_or_after_it_asks() throws Exception {
        forwarded.forwarded("e1", "trial.enrollment.events", 2, 17);
        CompletableFuture<ForwardedEvents.Result> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return forwarded.await(List.of("e1", "e2"), Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        forwarded.forwarded("e2", "trial.enrollment.events", 2, 18);

        assertThat(answer.get().complete()).isTrue();
        assertThat(answer.get().token().toString()).isEqualTo("trial.enrollment.events:2:18");
    }

    @Test
    void an_event_not_forwarded_in_time_is_left_out_and_said() throws Exception {
        forwarded.forwarded("e1", "trial.safety.events", 0, 4);

        ForwardedEvents.Result result = forwarded.await(List.of("e1", "never"), Duration.ofMillis(50));

        assertThat(result.complete()).isFalse();
        assertThat(result.token().toString()).isEqualTo("trial.safety.events:0:4");
    }
}
