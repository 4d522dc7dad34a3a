-- The DNCRP stage: hearings (a rescheduled one stays, marked), decisions, the compensation
-- ledger, referrals to sector regulators, and the consumer's feedback on a closed case.
CREATE TABLE hearings (
    id uuid PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    scheduled_at timestamptz NOT NULL,
    mode text NOT NULL,
    meeting_link text,
    venue text,
    status text NOT NULL,
    reason text,
    replaced_by uuid,
    attendance jsonb,
    minutes text,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX hearings_complaint ON hearings (complaint_id, created_at);

CREATE TABLE decisions (
    complaint_id uuid PRIMARY KEY REFERENCES complaints (id),
    verdict text NOT NULL,
    fine_poisha bigint NOT NULL CHECK (fine_poisha >= 0),
    compensation_poisha bigint NOT NULL CHECK (compensation_poisha >= 0),
    reasons text NOT NULL,
    decided_by text NOT NULL,
    decided_at timestamptz NOT NULL,
    appeal_until timestamptz NOT NULL
);

CREATE TABLE obligations (
    id uuid PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    kind text NOT NULL,
    amount_poisha bigint NOT NULL CHECK (amount_poisha >= 0),
    due_at timestamptz NOT NULL,
    status text NOT NULL,
    reference text,
    paid_at timestamptz,
    confirmed_at timestamptz,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (complaint_id, kind)
);
CREATE INDEX obligations_due ON obligations (due_at) WHERE status = 'owed';

CREATE TABLE referrals (
    id uuid PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    agency_code text NOT NULL,
    status text NOT NULL,
    regulator_reference text,
    reason text,
    outcome text,
    referred_by text NOT NULL,
    sent_at timestamptz NOT NULL,
    acknowledged_at timestamptz,
    decided_at timestamptz,
    concluded_at timestamptz,
    version bigint NOT NULL,
    UNIQUE (complaint_id, agency_code)
);
CREATE INDEX referrals_agency ON referrals (agency_code, id);

CREATE TABLE feedback (
    complaint_id uuid PRIMARY KEY REFERENCES complaints (id),
    rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment text,
    created_at timestamptz NOT NULL
);
