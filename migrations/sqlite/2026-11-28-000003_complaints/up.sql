-- Complaints (SQLite: uuid, dates, timestamps and JSON as text), their per-year tracking-number counters, and the timeline of each case.
CREATE TABLE tracking_counters (
    year integer PRIMARY KEY,
    last integer NOT NULL
);

CREATE TABLE complaints (
    id text PRIMARY KEY,
    tracking_number text NOT NULL UNIQUE,
    consumer_id text NOT NULL REFERENCES accounts (id),
    consumer_phone text NOT NULL,
    business_id text NOT NULL REFERENCES businesses (id),
    pushed_by text,
    channel text NOT NULL,
    category text NOT NULL,
    subject text NOT NULL,
    description text NOT NULL,
    order_reference text,
    order_date text,
    incident_date text NOT NULL,
    amount_paid integer NOT NULL CHECK (amount_paid >= 0),
    amount_claimed integer NOT NULL CHECK (amount_claimed >= 0),
    payment_method text NOT NULL,
    desired_remedy text NOT NULL,
    contacted_business_on text,
    consent_to_publish integer NOT NULL,
    -- The routing decision as made (policy version, rule, handler, referrals, priority).
    routing text NOT NULL,
    escalation_agency text NOT NULL,
    state text NOT NULL,
    waiting_on_consumer integer NOT NULL,
    outcome text,
    closed_at text,
    escalated_at text,
    assigned_officer text REFERENCES accounts (id),
    version integer NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE INDEX complaints_duplicate ON complaints (consumer_id, business_id, order_reference);
CREATE INDEX complaints_business ON complaints (business_id, id);
CREATE INDEX complaints_agency ON complaints (escalation_agency, id);
CREATE INDEX complaints_state ON complaints (state, id);
CREATE INDEX complaints_consumer ON complaints (consumer_id, id);

-- The agencies a case concerns: its escalation agency and the regulators it is referred to.
CREATE TABLE complaint_agencies (
    complaint_id text NOT NULL REFERENCES complaints (id),
    agency_code text NOT NULL,
    relation text NOT NULL CHECK (relation IN ('escalation', 'referral')),
    PRIMARY KEY (complaint_id, agency_code)
);
CREATE INDEX complaint_agencies_agency ON complaint_agencies (agency_code, complaint_id);

-- Append-only: transitions, routing decisions, messages and internal notes.
CREATE TABLE complaint_events (
    seq integer PRIMARY KEY AUTOINCREMENT,
    complaint_id text NOT NULL REFERENCES complaints (id),
    at text NOT NULL,
    actor text NOT NULL,
    role text NOT NULL,
    kind text NOT NULL,
    action text,
    from_state text,
    to_state text,
    staff_only integer NOT NULL,
    detail text NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, seq);
