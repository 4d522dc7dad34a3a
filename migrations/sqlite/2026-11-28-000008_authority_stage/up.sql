-- The DNCRP stage: hearings (a rescheduled one stays, marked), decisions, the compensation
-- ledger, referrals to sector regulators, and the consumer's feedback on a closed case.
CREATE TABLE hearings (
    id text PRIMARY KEY,
    complaint_id text NOT NULL REFERENCES complaints (id),
    scheduled_at text NOT NULL,
    mode text NOT NULL,
    meeting_link text,
    venue text,
    status text NOT NULL,
    reason text,
    replaced_by text,
    attendance text,
    minutes text,
    created_by text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE INDEX hearings_complaint ON hearings (complaint_id, created_at);

CREATE TABLE decisions (
    complaint_id text PRIMARY KEY REFERENCES complaints (id),
    verdict text NOT NULL,
    fine_poisha integer NOT NULL CHECK (fine_poisha >= 0),
    compensation_poisha integer NOT NULL CHECK (compensation_poisha >= 0),
    reasons text NOT NULL,
    decided_by text NOT NULL,
    decided_at text NOT NULL,
    appeal_until text NOT NULL
);

CREATE TABLE obligations (
    id text PRIMARY KEY,
    complaint_id text NOT NULL REFERENCES complaints (id),
    kind text NOT NULL,
    amount_poisha integer NOT NULL CHECK (amount_poisha >= 0),
    due_at text NOT NULL,
    status text NOT NULL,
    reference text,
    paid_at text,
    confirmed_at text,
    version integer NOT NULL,
    created_at text NOT NULL,
    UNIQUE (complaint_id, kind)
);
CREATE INDEX obligations_due ON obligations (due_at) WHERE status = 'owed';

CREATE TABLE referrals (
    id text PRIMARY KEY,
    complaint_id text NOT NULL REFERENCES complaints (id),
    agency_code text NOT NULL,
    status text NOT NULL,
    regulator_reference text,
    reason text,
    outcome text,
    referred_by text NOT NULL,
    sent_at text NOT NULL,
    acknowledged_at text,
    decided_at text,
    concluded_at text,
    version integer NOT NULL,
    UNIQUE (complaint_id, agency_code)
);
CREATE INDEX referrals_agency ON referrals (agency_code, id);

CREATE TABLE feedback (
    complaint_id text PRIMARY KEY REFERENCES complaints (id),
    rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment text,
    created_at text NOT NULL
);
