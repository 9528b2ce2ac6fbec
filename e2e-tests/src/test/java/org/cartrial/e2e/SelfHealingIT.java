package org.cartrial.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cartrial.localstack.Component;
import org.cartrial.localstack.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The launcher heals a crash: during a small load of screenings through the gateway, the enrollment service is
 * killed with SIGKILL from outside the launcher (as the OOM killer would). The launcher starts it again; the load,
 * whose clients send a request again with the same Idempotency-Key while the service is away, finishes; and every
 * accepted screening is in the event store once and readable through the gateway. No timing is asserted: the waits
 * are generous, for a slow shared machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfHealingIT {

    private static final int CLIENTS = 2;
    private static final int SCREENINGS_PER_CLIENT = 40;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private PlatformUnderTest platform;
    private GatewayClient gateway;
    private String coordinator;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void startThePlatform() {
        platform = PlatformUnderTest.start("healing", Map.of(Component.GATEWAY, Map.of(
                "TRIAL_RATE_LIMIT_PER_SECOND", "100000", "TRIAL_RATE_LIMIT_BURST", "100000")));
        gateway = platform.gateway();
        Reply registered = gateway.postJson("/api/enrollment/sites", platform.token(Role.ADMIN, null),
                "{\"siteId\":\"S01\",\"name\":\"Hospital S01\"}");
        assertThat(registered.status()).as("registering S01: %s", registered).isEqualTo(201);
        coordinator = platform.token(Role.SITE_COORDINATOR, "S01");
    }

    @AfterAll
    void stopThePlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void a_service_killed_with_sigkill_is_started_again_and_the_load_finishes_with_nothing_lost() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> screen(client)));
        }
        await("some screenings accepted before the crash").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> accepted.size() >= 10);

        ProcessHandle enrollment = platform.system().process(Component.ENROLLMENT).orElseThrow();
        long killedPid = enrollment.pid();
        enrollment.destroyForcibly(); // SIGKILL, behind the launcher's back
        System.out.printf("*** killed enrollment-service (pid %d) after %d accepted screenings%n", killedPid,
                accepted.size());

        await("the launcher starts the enrollment service again").atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> platform.system().restarts(Component.ENROLLMENT) == 1
                        && platform.system().process(Component.ENROLLMENT).map(p -> p.pid() != killedPid)
                                .orElse(false));
        await("the enrollment service healthy again").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> healthy(platform.system().url(Component.ENROLLMENT)));

        clients.shutdown();
        for (Future<?> client : running) {
            client.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
        }
        assertThat(unexpected).as("answers other than 201 and the transient ones").isEmpty();
        assertThat(accepted).hasSize(CLIENTS * SCREENINGS_PER_CLIENT);

        Set<String> stored = new HashSet<>();
        platform.queryEventStore(Component.ENROLLMENT, "SELECT convert_from(payload, 'UTF8')::json->>'subjectId'"
                + " FROM domainevententry WHERE payloadtype = 'org.cartrial.api.enrollment.PatientScreened'", row -> {
                    assertThat(stored.add(row.getString(1))).as("%s screened twice", row.getString(1)).isTrue();
                });
        assertThat(stored).as("every accepted screening stored once").containsAll(accepted);
        for (String subject : accepted) {
            await("the read model has " + subject).atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> gateway.get("/api/enrollment/subjects/" + subject, coordinator).status() == 200);
        }

        Path restarts = platform.system().dataDir().resolve("run").resolve("enrollment-service.restarts");
        assertThat(Files.readString(restarts)).as("what ./trial status reads").contains("restarts=1")
                .contains("last-exit=killed by SIGKILL (exit code 137)");
        assertThat(Files.readString(platform.system().logFile(Component.ENROLLMENT)))
                .as("the restarted service logs into the same file").contains("===== enrollment-service starting");
    }

    /** One site's client: each screening under its own Idempotency-Key, sent again until it has its first answer. */
    private void screen(int client) {
        for (int i = 0; i < SCREENINGS_PER_CLIENT; i++) {
            String subject = "S01-%d%03d".formatted(client + 1, i);
            String key = UUID.randomUUID().toString();
            Instant giveUp = Instant.now().plus(PATIENCE);
            while (true) {
                Reply reply;
                try {
                    reply = gateway.postJson("/api/enrollment/screenings", coordinator,
                            Screening.eligible(subject, "S01").json(), Map.of("Idempotency-Key", key));
                } catch (UncheckedIOException e) {
                    reply = null; // the connection dropped with the service: the answer is lost, ask again
                }
                if (reply != null && reply.status() == 201) {
                    accepted.add(subject);
                    break;
                }
                boolean transientProblem = reply == null || reply.status() >= 500 || reply.status() == 429
                        || (reply.status() == 409 && reply.body().contains("idempotency-key-in-use"));
                if (!transientProblem || Instant.now().isAfter(giveUp)) {
                    unexpected.add(subject + ": " + reply);
                    break;
                }
                sleep(500);
            }
        }
    }

    private static boolean healthy(String url) {
        try {
            return new GatewayClient(url).get("/actuator/health", null).body().contains("\"UP\"");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
