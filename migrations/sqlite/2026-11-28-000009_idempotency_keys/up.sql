-- Partner requests by Idempotency-Key: the first answer (status, headers, body) is kept, with a
-- fingerprint of the request, so a retry replays it instead of acting twice.
CREATE TABLE idempotency_keys (
    client_id text NOT NULL,
    key text NOT NULL,
    fingerprint text NOT NULL,
    status_code integer,
    response_headers text,
    response_body blob,
    started_at text NOT NULL,
    completed_at text,
    PRIMARY KEY (client_id, key)
);
CREATE INDEX idempotency_keys_started ON idempotency_keys (started_at);
