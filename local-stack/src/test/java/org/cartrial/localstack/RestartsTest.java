package org.cartrial.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RestartsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void the_pause_doubles_from_one_second_and_the_launcher_gives_up_after_five_deaths_in_ten_minutes() {
        Restarts restarts = new Restarts();
        assertThat(restarts.died("exit code 1", T0)).contains(Duration.ofSeconds(1));
        assertThat(restarts.died("exit code 1", T0.plusSeconds(10))).contains(Duration.ofSeconds(2));
        assertThat(restarts.died("exit code 1", T0.plusSeconds(20))).contains(Duration.ofSeconds(4));
        assertThat(restarts.died("exit code 1", T0.plusSeconds(30))).contains(Duration.ofSeconds(8));
        assertThat(restarts.died("exit code 1", T0.plusSeconds(40))).contains(Duration.ofSeconds(16));
        assertThat(restarts.died("exit code 1", T0.plusSeconds(50))).isEqualTo(Optional.empty());
        assertThat(restarts.total()).isEqualTo(5);
        assertThat(restarts.asProperties()).containsEntry("gave-up", "true").containsEntry("restarts", "5");
    }

    @Test
    void deaths_older_than_the_window_are_forgiven() {
        Restarts restarts = new Restarts();
        for (int i = 0; i < 5; i++) {
            restarts.died("exit code 1", T0.plusSeconds(i));
        }
        assertThat(restarts.died("killed by SIGKILL (exit code 137)", T0.plus(Duration.ofMinutes(11))))
                .contains(Duration.ofSeconds(1));
        assertThat(restarts.asProperties()).containsEntry("restarts", "6").containsEntry("gave-up", "false")
                .containsEntry("last-exit", "killed by SIGKILL (exit code 137)");
    }

    @Test
    void a_death_by_signal_is_named() {
        assertThat(Restarts.cause(137)).isEqualTo("killed by SIGKILL (exit code 137)");
        assertThat(Restarts.cause(143)).isEqualTo("killed by SIGTERM (exit code 143)");
        assertThat(Restarts.cause(1)).isEqualTo("exit code 1");
    }

    @Test
    void status_shows_restarts_and_the_last_exit() {
        Restarts restarts = new Restarts();
        restarts.died("killed by SIGKILL (exit code 137)", T0);
        assertThat(StatusReport.restarted(restarts.asProperties()))
                .isEqualTo("; restarted 1 time, last exit: killed by SIGKILL (exit code 137) at 2026-12-03T10:00:00Z");
        assertThat(StatusReport.restarted(new Restarts().asProperties())).isEmpty();
    }
}
