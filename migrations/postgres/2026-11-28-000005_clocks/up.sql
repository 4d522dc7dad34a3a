-- The legal clocks of each case, and its next deadline (indexed: due cases are found by it).
ALTER TABLE complaints ADD COLUMN clocks jsonb NOT NULL DEFAULT '[]';
ALTER TABLE complaints ADD COLUMN due_at timestamptz;
CREATE INDEX complaints_due ON complaints (due_at) WHERE due_at IS NOT NULL;
