package org.cartrial.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the PostgreSQL that runs on this project's machines (127.0.0.1:5432, trust auth, database
 * {@code test}; override with TRIAL_TEST_PG_URL), so every test class gets an empty event store and CI leaves
 * nothing behind.
 */
public final class PostgresSchema implements AutoCloseable {

    private static final String BASE_URL = System.getenv().getOrDefault("TRIAL_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("TRIAL_TEST_PG_USER", "postgres");

    private final String schema;

    public PostgresSchema(String prefix) {
        this.schema = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase().replace('-', '_');
        execute("CREATE SCHEMA " + schema);
    }

    public String schema() {
        return schema;
    }

    public String jdbcUrl() {
        return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&reWriteBatchedInserts=true";
    }

    public String user() {
        return USER;
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(BASE_URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + BASE_URL + " is needed for this test: " + e.getMessage(), e);
        }
    }
}
