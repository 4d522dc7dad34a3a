-- The legal clocks of each case, and its next deadline (SQLite: JSON and time as text).
ALTER TABLE complaints ADD COLUMN clocks text NOT NULL DEFAULT '[]';
ALTER TABLE complaints ADD COLUMN due_at text;
CREATE INDEX complaints_due ON complaints (due_at) WHERE due_at IS NOT NULL;
