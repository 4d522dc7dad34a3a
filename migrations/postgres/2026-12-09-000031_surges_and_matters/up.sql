-- A surge: a business drawing complaints at the rate the policy's surge rule calls one. At most
-- one open surge per business (the partial unique index), so the workers of several `ccms`
-- processes that see it at once record it once.
CREATE TABLE surges (
    id uuid PRIMARY KEY,
    business_id uuid NOT NULL REFERENCES businesses (id),
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    cases_in_window bigint NOT NULL,
    window_days integer NOT NULL,
    threshold bigint NOT NULL
);
CREATE UNIQUE INDEX surges_open ON surges (business_id) WHERE ended_at IS NULL;

-- A collective matter: many complaints against one business handled together, by one officer,
-- with one hearing and one decision.
CREATE TABLE matters (
    id uuid PRIMARY KEY,
    business_id uuid NOT NULL REFERENCES businesses (id),
    title text NOT NULL,
    agency_code text NOT NULL,
    officer_id uuid NOT NULL,
    status text NOT NULL,
    auto_join boolean NOT NULL,
    opened_by text NOT NULL,
    opened_at timestamptz NOT NULL,
    decided_at timestamptz,
    version bigint NOT NULL
);
CREATE INDEX matters_business ON matters (business_id, status);

-- A case belongs to at most one matter.
CREATE TABLE matter_cases (
    complaint_id uuid PRIMARY KEY REFERENCES complaints (id),
    matter_id uuid NOT NULL REFERENCES matters (id),
    added_at timestamptz NOT NULL
);
CREATE INDEX matter_cases_matter ON matter_cases (matter_id, complaint_id);

CREATE TABLE matter_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    matter_id uuid NOT NULL REFERENCES matters (id),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    kind text NOT NULL,
    detail jsonb NOT NULL
);
CREATE INDEX matter_events_matter ON matter_events (matter_id, seq);

-- A payout the gateway reported failed: the obligation stays owed, with the reason.
ALTER TABLE obligations ADD COLUMN payout_failure text;
