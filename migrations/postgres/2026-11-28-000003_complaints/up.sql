-- Complaints, their per-year tracking-number counters, and the timeline of each case.
CREATE TABLE tracking_counters (
    year integer PRIMARY KEY,
    last bigint NOT NULL
);

CREATE TABLE complaints (
    id uuid PRIMARY KEY,
    tracking_number text NOT NULL UNIQUE,
    consumer_id uuid NOT NULL REFERENCES accounts (id),
    consumer_phone text NOT NULL,
    business_id uuid NOT NULL REFERENCES businesses (id),
    pushed_by text,
    channel text NOT NULL,
    category text NOT NULL,
    subject text NOT NULL,
    description text NOT NULL,
    order_reference text,
    order_date date,
    incident_date date NOT NULL,
    amount_paid bigint NOT NULL CHECK (amount_paid >= 0),
    amount_claimed bigint NOT NULL CHECK (amount_claimed >= 0),
    payment_method text NOT NULL,
    desired_remedy text NOT NULL,
    contacted_business_on date,
    consent_to_publish boolean NOT NULL,
    -- The routing decision as made (policy version, rule, handler, referrals, priority).
    routing jsonb NOT NULL,
    escalation_agency text NOT NULL,
    state text NOT NULL,
    waiting_on_consumer boolean NOT NULL,
    outcome text,
    closed_at timestamptz,
    escalated_at timestamptz,
    assigned_officer uuid REFERENCES accounts (id),
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX complaints_duplicate ON complaints (consumer_id, business_id, order_reference);
CREATE INDEX complaints_business ON complaints (business_id, id);
CREATE INDEX complaints_agency ON complaints (escalation_agency, id);
CREATE INDEX complaints_state ON complaints (state, id);
CREATE INDEX complaints_consumer ON complaints (consumer_id, id);

-- The agencies a case concerns: its escalation agency and the regulators it is referred to.
CREATE TABLE complaint_agencies (
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    agency_code text NOT NULL,
    relation text NOT NULL CHECK (relation IN ('escalation', 'referral')),
    PRIMARY KEY (complaint_id, agency_code)
);
CREATE INDEX complaint_agencies_agency ON complaint_agencies (agency_code, complaint_id);

-- Append-only: transitions, routing decisions, messages and internal notes.
CREATE TABLE complaint_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    role text NOT NULL,
    kind text NOT NULL,
    action text,
    from_state text,
    to_state text,
    staff_only boolean NOT NULL,
    detail jsonb NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, seq);
