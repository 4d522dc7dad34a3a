DROP INDEX complaints_due;
ALTER TABLE complaints DROP COLUMN due_at;
ALTER TABLE complaints DROP COLUMN clocks;
