-- A review of how a case ended, asked for by its consumer and decided by a DNCRP officer other
-- than the one who decided the case: one per case.
CREATE TABLE reviews (
    complaint_id uuid PRIMARY KEY REFERENCES complaints (id),
    reason text NOT NULL,
    requested_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    reviewer uuid NOT NULL,
    earlier_outcome text NOT NULL,
    result text,
    outcome text,
    reasons text,
    decided_at timestamptz
);
