-- Partner requests by Idempotency-Key: the first answer (status, headers, body) is kept, with a
-- fingerprint of the request, so a retry replays it instead of acting twice.
CREATE TABLE idempotency_keys (
    client_id text NOT NULL,
    key text NOT NULL,
    fingerprint text NOT NULL,
    status_code integer,
    response_headers jsonb,
    response_body bytea,
    started_at timestamptz NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (client_id, key)
);
CREATE INDEX idempotency_keys_started ON idempotency_keys (started_at);
