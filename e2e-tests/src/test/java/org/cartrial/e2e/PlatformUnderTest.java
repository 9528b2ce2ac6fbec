package org.cartrial.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.cartrial.localstack.Component;
import org.cartrial.localstack.EmbeddedSystem;
import org.cartrial.localstack.JwtKeys;
import org.cartrial.localstack.LocalTokens;
import org.cartrial.localstack.Ports;
import org.cartrial.localstack.Role;
import org.cartrial.localstack.TokenRequest;
import org.cartrial.testsupport.PostgresSchema;

/**
 * The whole platform as separate processes, as {@code ./trial start} runs it, except that each service's event
 * store is a fresh schema of the local PostgreSQL and every port is random. Closing it stops every process and
 * drops the schemas.
 */
final class PlatformUnderTest implements AutoCloseable {

    private final Map<Component, PostgresSchema> eventStores;
    private final EmbeddedSystem system;
    private final LocalTokens tokens;

    private PlatformUnderTest(Map<Component, PostgresSchema> eventStores, EmbeddedSystem system, LocalTokens tokens) {
        this.eventStores = eventStores;
        this.system = system;
        this.tokens = tokens;
    }

    /**
     * @param schemaPrefix prefix of the event-store schemas (one per service)
     * @param environment extra environment variables per component
     */
    static PlatformUnderTest start(String schemaPrefix, Map<Component, Map<String, String>> environment) {
        Path root = Path.of(System.getProperty("trial.root", "..")).toAbsolutePath().normalize();
        Path dataDir = root.resolve("e2e-tests/target/e2e-data")
                .resolve(schemaPrefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        JwtKeys.ensure(dataDir);
        LocalTokens tokens = new LocalTokens(JwtKeys.load(dataDir));
        EmbeddedSystem.Builder builder = EmbeddedSystem.builder()
                .dataDir(dataDir)
                .repositoryRoot(root)
                .ports(Ports.free())
                // a machine shared with other builds can take longer: -Dtrial.e2e.startup-seconds=600
                .startupTimeout(Duration.ofSeconds(Long.getLong("trial.e2e.startup-seconds", 240)));
        Map<Component, PostgresSchema> eventStores = new EnumMap<>(Component.class);
        for (Component service : Component.inTier(Component.Tier.SERVICE)) {
            PostgresSchema schema = new PostgresSchema(schemaPrefix + "_" + service.id().replace("-service", ""));
            eventStores.put(service, schema);
            Map<String, String> variables = new HashMap<>(Map.of(
                    "TRIAL_EVENT_STORE_URL", schema.jdbcUrl(),
                    "TRIAL_EVENT_STORE_USER", schema.user(),
                    "SPRING_FLYWAY_SCHEMAS", schema.schema()));
            variables.putAll(environment.getOrDefault(service, Map.of()));
            builder.environment(service, variables);
        }
        environment.forEach((component, variables) -> {
            if (component.tier() != Component.Tier.SERVICE) {
                builder.environment(component, variables);
            }
        });
        EmbeddedSystem system = builder.build();
        PlatformUnderTest platform = new PlatformUnderTest(eventStores, system, tokens);
        // should the test JVM be stopped half-way, the children must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop));
        system.start();
        System.out.printf("%n*** trial platform started in %.1f s (logs in %s)%n%n",
                system.startupTime().toMillis() / 1000.0, system.logDir());
        return platform;
    }

    EmbeddedSystem system() {
        return system;
    }

    GatewayClient gateway() {
        return new GatewayClient(system.gatewayUrl());
    }

    String token(Role role, String site) {
        return tokens.mint(TokenRequest.of(role, site));
    }

    /** Runs a query on a service's event store and hands each row to {@code row}. */
    void queryEventStore(Component service, String sql, RowHandler row) {
        PostgresSchema schema = eventStores.get(service);
        try (Connection connection = DriverManager.getConnection(schema.jdbcUrl(), schema.user(), "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.accept(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query on the event store of " + service.id() + " failed: " + sql, e);
        }
    }

    @FunctionalInterface
    interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    @Override
    public void close() {
        system.stop();
        eventStores.values().forEach(PostgresSchema::close);
    }
}
