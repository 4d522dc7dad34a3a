-- Appeals of a DNCRP decision to the court, recorded by the consumer or the business within the
-- appeal window: one per party and case.
CREATE TABLE appeals (
    id text PRIMARY KEY,
    complaint_id text NOT NULL REFERENCES complaints (id),
    party text NOT NULL,
    court text NOT NULL,
    reference text NOT NULL,
    filed_on text NOT NULL,
    recorded_at text NOT NULL,
    UNIQUE (complaint_id, party)
);
