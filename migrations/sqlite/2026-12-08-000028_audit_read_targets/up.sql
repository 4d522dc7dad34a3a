-- An official's list page is one audit entry naming every record it showed (in its detail,
-- which the chain covers). This table finds such entries by a record, as `target_id` finds the
-- others: one narrow row per record shown instead of one audit entry each.
CREATE TABLE audit_read_targets (
    target_id TEXT NOT NULL,
    seq INTEGER NOT NULL REFERENCES audit_entries (seq),
    PRIMARY KEY (target_id, seq)
);
