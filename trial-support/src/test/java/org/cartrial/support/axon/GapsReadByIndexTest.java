package org.cartrial.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gap-aware read finds what Axon's own statement finds, on the H2 schema the services use, by the index. */
class GapsReadByIndexTest {

    private final EventSchema schema = new EventSchema();
    private Connection connection;

    @BeforeEach
    void eventStore() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:gaps" + System.nanoTime());
        String ddl = Files.readString(Path.of("src/main/resources/db/migration/h2/V1__axon_event_store.sql"),
                StandardCharsets.UTF_8);
        try (Statement statement = connection.createStatement()) {
            for (String part : ddl.split(";")) {
                if (!part.replaceAll("(?m)^--.*$", "").isBlank()) {
                    statement.execute(part);
                }
            }
        }
        // indexes 1..30, with 4, 9 and 12 never committed (rolled back)
        for (long index = 1; index <= 30; index++) {
            if (index == 4 || index == 9 || index == 12) {
                continue;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domainevententry (globalindex,"
                    + " aggregateidentifier, sequencenumber, type, eventidentifier, payload, payloadtype, timestamp)"
                    + " VALUES (?, ?, 0, 'Subject', ?, X'7b7d', 'PatientScreened', '2026-12-04T10:00:00Z')")) {
                insert.setLong(1, index);
                insert.setString(2, "S01-" + index);
                insert.setString(3, "event-" + index);
                insert.executeUpdate();
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void finds_the_events_after_the_token_and_in_its_gaps_in_index_order() throws SQLException {
        List<Long> gaps = List.of(2L, 4L, 7L, 12L);
        List<Long> ours = indexes(new GapsReadByIndex().build(connection, schema, 20, 5, gaps));
        List<Long> axons = indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, schema, 20, 5,
                gaps));
        assertThat(ours).containsExactly(2L, 7L, 21L, 22L, 23L, 24L, 25L).isEqualTo(axons);
    }

    @Test
    void looks_up_both_parts_by_the_primary_key_where_axons_statement_walks_the_whole_index() throws SQLException {
        // H2 prints the index condition it looks up after the index's name; without one it reads the whole index
        assertThat(plan(new GapsReadByIndex().build(connection, schema, 20, 5, List.of(2L, 7L))))
                .contains("PRIMARY_KEY_B: GLOBALINDEX > CAST(20 AS BIGINT)")
                .contains("PRIMARY_KEY_B: GLOBALINDEX IN(CAST(2 AS BIGINT), CAST(7 AS BIGINT))");
        assertThat(plan(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, schema, 20, 5,
                List.of(2L, 7L)))).contains("PRIMARY_KEY_B */").doesNotContain("PRIMARY_KEY_B: ");
    }

    private String plan(PreparedStatement statement) throws SQLException {
        try (statement; Statement explain = connection.createStatement();
                ResultSet rows = explain.executeQuery("EXPLAIN " + sql(statement))) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(rows.getLong(1));
            }
        }
        return found;
    }

    /** The statement's SQL with its parameters written in (H2's prepared statement prints them after a colon). */
    private static String sql(PreparedStatement statement) {
        String text = statement.toString();
        String sql = text.substring(text.indexOf(": ") + 2, text.indexOf(" {"));
        String[] values = text.substring(text.indexOf('{') + 1, text.lastIndexOf('}')).split(",\\s*");
        for (String value : values) {
            sql = sql.replaceFirst("\\?", value.substring(value.indexOf(':') + 1).trim());
        }
        return sql;
    }
}
