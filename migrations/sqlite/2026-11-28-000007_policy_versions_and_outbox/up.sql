-- Published versions of the routing and escalation policy; a version is never changed.
CREATE TABLE policy_versions (
    version integer PRIMARY KEY CHECK (version > 0),
    document text NOT NULL,
    published_at text NOT NULL,
    published_by text NOT NULL
);

-- Events to announce (webhooks, notifications), written in the transaction of the change.
CREATE TABLE outbox (
    seq integer PRIMARY KEY AUTOINCREMENT,
    event_id text NOT NULL UNIQUE,
    event_type text NOT NULL,
    complaint_id text REFERENCES complaints (id),
    business_id text,
    payload text NOT NULL,
    created_at text NOT NULL
);
CREATE INDEX outbox_complaint ON outbox (complaint_id, seq);

-- When the deadline worker must next look at a case: its next deadline or reminder.
ALTER TABLE complaints ADD COLUMN wake_at text;
UPDATE complaints SET wake_at = due_at;
CREATE INDEX complaints_wake ON complaints (wake_at) WHERE wake_at IS NOT NULL;
