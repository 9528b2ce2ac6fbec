package org.cartrial.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Properties;

/**
 * What the launcher knows of one child's deaths and restarts, and whether to restart it again: after a growing pause
 * (1 s, doubling, at most 30 s) unless it already died {@link #LIMIT} times within {@link #WINDOW}, when a restart
 * would only hide a child that cannot run (a broken configuration, a full disk): then the launcher gives up and
 * says so.
 */
final class Restarts {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final Deque<Instant> recent = new ArrayDeque<>();
    private int total;
    private String lastExit;
    private Instant lastExitAt;
    private boolean gaveUp;

    /** Records a death and answers the pause before the next start, or empty when the launcher gives up. */
    Optional<Duration> died(String cause, Instant at) {
        lastExit = cause;
        lastExitAt = at;
        while (!recent.isEmpty() && recent.peekFirst().isBefore(at.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= LIMIT) {
            gaveUp = true;
            return Optional.empty();
        }
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(recent.size(), 10));
        recent.addLast(at);
        total++;
        return Optional.of(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause);
    }

    int total() {
        return total;
    }

    int recent() {
        return recent.size();
    }

    /**
     * How a process ended, from its exit value: the JDK reports a death by signal N as 128 + N, as shells do.
     */
    static String cause(int exitValue) {
        if (exitValue > 128 && exitValue < 160) {
            int signal = exitValue - 128;
            String name = switch (signal) {
                case 1 -> "SIGHUP";
                case 2 -> "SIGINT";
                case 6 -> "SIGABRT";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "killed by " + name + " (exit code " + exitValue + ")";
        }
        return "exit code " + exitValue;
    }

    /** For {@code status} in another process: restarts, the last exit, whether the launcher gave up. */
    Properties asProperties() {
        Properties properties = new Properties();
        properties.setProperty("restarts", String.valueOf(total));
        if (lastExit != null) {
            properties.setProperty("last-exit", lastExit);
            properties.setProperty("last-exit-at", lastExitAt.toString());
        }
        properties.setProperty("gave-up", String.valueOf(gaveUp));
        return properties;
    }
}
