package org.cartrial.testsupport;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real parts a service's integration tests run on, started once per test JVM: an in-process Kafka broker
 * (KRaft), the MongoDB wire-protocol server, the local PostgreSQL (a fresh schema per Spring context) and a
 * key pair for tokens.
 */
public final class TrialTestEnvironment {

    private static TrialTestEnvironment shared;

    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedMongo mongo;
    private final TestTokens tokens;

    private TrialTestEnvironment() {
        kafka = new EmbeddedKafkaKraftBroker(1, 4);
        kafka.afterPropertiesSet();
        mongo = new EmbeddedMongo();
        tokens = new TestTokens();
    }

    public static synchronized TrialTestEnvironment shared() {
        if (shared == null) {
            shared = new TrialTestEnvironment();
            TrialTestEnvironment started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.mongo.close();
                started.kafka.destroy();
            }));
        }
        return shared;
    }

    public String kafkaBootstrap() {
        return kafka.getBrokersAsString();
    }

    public String mongoUri() {
        return mongo.uri();
    }

    public TestTokens tokens() {
        return tokens;
    }

    /**
     * Points a service's Spring context at these parts; the event store goes to a new PostgreSQL schema that is
     * dropped when the JVM ends.
     */
    public void register(DynamicPropertyRegistry registry, String service) {
        PostgresSchema schema = new PostgresSchema(service.replace("-service", ""));
        Runtime.getRuntime().addShutdownHook(new Thread(schema::close));
        registry.add("spring.datasource.url", schema::jdbcUrl);
        registry.add("spring.datasource.username", schema::user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", schema::schema);
        registry.add("spring.data.mongodb.uri", this::mongoUri);
        registry.add("spring.data.mongodb.database", () -> schema.schema());
        registry.add("spring.cloud.stream.kafka.binder.brokers", this::kafkaBootstrap);
        registry.add("trial.security.jwt.public-key-location", tokens::publicKeyLocation);
    }
}
