package org.cartrial.safety;

import org.cartrial.testsupport.TrialTestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of the safety service's integration tests, on its real parts: event store on PostgreSQL,
 * the forwarder to an in-process Kafka broker (KRaft), the consumers into the MongoDB wire server, requests with
 * real RS256 tokens. Every integration test class extends this, so they share the context (one set of consumer
 * groups on the shared broker). The reporting clocks are set to seconds (sponsor window 6 s, warning 3 s ahead)
 * and the stream's heartbeat to 1 s, so deadlines and heartbeats can be watched happening.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        args = "--spring.config.name=trial-service,safety-service",
        properties = {
                "trial.safety.reporting.sponsor-window=PT6S",
                "trial.safety.reporting.sponsor-warning-lead=PT3S",
                "trial.safety.deadlines.polling-interval=PT0.3S",
                "trial.safety.stream.heartbeat=PT1S",
                "trial.safety.stream.gap-wait=PT2S",
                "trial.safety.stream.max-streams=12"})
public abstract class SafetyServiceOnRealParts {

    protected static final TrialTestEnvironment ENV = TrialTestEnvironment.shared();

    @DynamicPropertySource
    static void parts(DynamicPropertyRegistry registry) {
        ENV.register(registry, "safety-service");
    }
}
