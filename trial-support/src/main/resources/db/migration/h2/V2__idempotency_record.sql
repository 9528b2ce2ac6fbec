-- Answers to requests sent with an Idempotency-Key, written in the transaction that stored their events.
CREATE TABLE idempotency_record (
    caller                VARCHAR(200) NOT NULL,
    idempotency_key       VARCHAR(200) NOT NULL,
    request_fingerprint   VARCHAR(64)  NOT NULL,
    response_status       INTEGER,
    response_content_type VARCHAR(200),
    response_body         VARBINARY(1000000),
    created_at            TIMESTAMP    NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
