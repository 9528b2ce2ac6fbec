package org.cartrial.support.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.cartrial.support.idempotency.IdempotencyRecords.StoredResponse;
import org.cartrial.support.web.ProblemResponses;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes a write safe to retry: a POST/PUT/PATCH/DELETE with an {@code Idempotency-Key} header runs in one
 * transaction with the key's record, so the events the command stored and the answer given commit together or
 * not at all. A retry with the same key (same caller) gets the first answer again, marked
 * {@code Idempotent-Replayed: true}; the same key with another body is refused with 422. A refused request
 * (4xx/5xx) releases its key, because nothing was recorded.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final IdempotencyRecords records;
    private final TransactionTemplate transactions;
    private final ObjectMapper objectMapper;

    public IdempotencyKeyFilter(IdempotencyRecords records, TransactionTemplate transactions, ObjectMapper objectMapper) {
        this.records = records;
        this.transactions = transactions;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!VALID_KEY.matcher(key).matches()) {
            problem(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "Idempotency-Key must be 1-200 visible ASCII characters.", request);
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String caller = authentication == null ? "anonymous" : authentication.getName();
        byte[] body = request.getInputStream().readAllBytes();
        String fingerprint = fingerprint(request, body);

        Optional<StoredResponse> earlier = records.find(caller, key);
        if (earlier.isPresent()) {
            replay(earlier.get(), fingerprint, request, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            Boolean committed = transactions.execute(tx -> {
                try {
                    records.claim(caller, key, fingerprint);
                } catch (DuplicateKeyException raced) {
                    tx.setRollbackOnly();
                    return Boolean.FALSE;
                }
                try {
                    chain.doFilter(new CachedBodyRequest(request, body), captured);
                } catch (IOException | ServletException e) {
                    throw new IllegalStateException(e);
                }
                if (captured.getStatus() >= 200 && captured.getStatus() < 300) {
                    records.complete(caller, key, captured.getStatus(), captured.getContentType(),
                            captured.getContentAsByteArray());
                } else {
                    tx.setRollbackOnly();
                }
                return Boolean.TRUE;
            });
            if (Boolean.FALSE.equals(committed)) {
                Optional<StoredResponse> raced = records.find(caller, key);
                if (raced.isPresent()) {
                    replay(raced.get(), fingerprint, request, response);
                } else {
                    inProgress(request, response);
                }
                return;
            }
            captured.copyBodyToResponse();
        } catch (DataAccessException e) {
            // Another request with this key holds it (or the database refused): nothing of this one was stored.
            response.reset();
            inProgress(request, response);
        }
    }

    private void replay(StoredResponse stored, String fingerprint, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (!stored.fingerprint().equals(fingerprint)) {
            problem(response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "This Idempotency-Key was used before for a different request.", request);
        } else if (stored.status() == null) {
            inProgress(request, response);
        } else {
            response.setStatus(stored.status());
            if (stored.contentType() != null) {
                response.setContentType(stored.contentType());
            }
            response.setHeader(REPLAYED_HEADER, "true");
            if (stored.body() != null) {
                response.getOutputStream().write(stored.body());
            }
        }
    }

    private void inProgress(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problem(response, HttpStatus.CONFLICT, "idempotency-key-in-use",
                "A request with this Idempotency-Key is still being processed; retry shortly.", request);
    }

    private void problem(HttpServletResponse response, HttpStatus status, String code, String detail,
            HttpServletRequest request) throws IOException {
        ProblemDetail problem = ProblemResponses.problem(status, code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, so the fingerprint and the controller see the same bytes. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
