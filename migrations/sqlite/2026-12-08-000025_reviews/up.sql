-- A review of how a case ended, asked for by its consumer and decided by a DNCRP officer other
-- than the one who decided the case: one per case.
CREATE TABLE reviews (
    complaint_id text PRIMARY KEY REFERENCES complaints (id),
    reason text NOT NULL,
    requested_at text NOT NULL,
    due_at text NOT NULL,
    reviewer text NOT NULL,
    earlier_outcome text NOT NULL,
    result text,
    outcome text,
    reasons text,
    decided_at text
);
