package org.cartrial.support.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The responses given to requests that carried an {@code Idempotency-Key}, kept in the service's own event-store
 * database so a record is written in the same transaction as the events it answered for.
 */
public class IdempotencyRecords {

    /** A stored answer; {@code status} is null while the first request is still running. */
    public record StoredResponse(String fingerprint, Integer status, String contentType, byte[] body) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for this caller; throws DuplicateKeyException when it was claimed before. */
    void claim(String caller, String key, String fingerprint) {
        jdbc.update("INSERT INTO idempotency_record (caller, idempotency_key, request_fingerprint, created_at) "
                + "VALUES (?, ?, ?, ?)", caller, key, fingerprint, Timestamp.from(Instant.now()));
    }

    void complete(String caller, String key, int status, String contentType, byte[] body) {
        jdbc.update("UPDATE idempotency_record SET response_status = ?, response_content_type = ?, response_body = ? "
                + "WHERE caller = ? AND idempotency_key = ?", status, contentType, body, caller, key);
    }

    Optional<StoredResponse> find(String caller, String key) {
        List<StoredResponse> found = jdbc.query("SELECT request_fingerprint, response_status, response_content_type, "
                + "response_body FROM idempotency_record WHERE caller = ? AND idempotency_key = ?",
                (rs, i) -> new StoredResponse(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getBytes(4)),
                caller, key);
        return found.stream().findFirst();
    }
}
