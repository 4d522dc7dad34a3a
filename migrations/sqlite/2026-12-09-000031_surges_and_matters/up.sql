-- A surge: a business drawing complaints at the rate the policy's surge rule calls one. At most
-- one open surge per business (the partial unique index), so the workers of several `ccms`
-- processes that see it at once record it once.
CREATE TABLE surges (
    id TEXT PRIMARY KEY NOT NULL,
    business_id TEXT NOT NULL REFERENCES businesses (id),
    started_at TEXT NOT NULL,
    ended_at TEXT,
    cases_in_window BIGINT NOT NULL,
    window_days INTEGER NOT NULL,
    threshold BIGINT NOT NULL
);
CREATE UNIQUE INDEX surges_open ON surges (business_id) WHERE ended_at IS NULL;

-- A collective matter: many complaints against one business handled together, by one officer,
-- with one hearing and one decision.
CREATE TABLE matters (
    id TEXT PRIMARY KEY NOT NULL,
    business_id TEXT NOT NULL REFERENCES businesses (id),
    title TEXT NOT NULL,
    agency_code TEXT NOT NULL,
    officer_id TEXT NOT NULL,
    status TEXT NOT NULL,
    auto_join BOOLEAN NOT NULL,
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    decided_at TEXT,
    version BIGINT NOT NULL
);
CREATE INDEX matters_business ON matters (business_id, status);

-- A case belongs to at most one matter.
CREATE TABLE matter_cases (
    complaint_id TEXT PRIMARY KEY NOT NULL REFERENCES complaints (id),
    matter_id TEXT NOT NULL REFERENCES matters (id),
    added_at TEXT NOT NULL
);
CREATE INDEX matter_cases_matter ON matter_cases (matter_id, complaint_id);

CREATE TABLE matter_events (
    seq integer PRIMARY KEY AUTOINCREMENT,
    matter_id TEXT NOT NULL REFERENCES matters (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX matter_events_matter ON matter_events (matter_id, seq);

-- A payout the gateway reported failed: the obligation stays owed, with the reason.
ALTER TABLE obligations ADD COLUMN payout_failure TEXT;
