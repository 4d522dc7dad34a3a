ALTER TABLE reviews DROP COLUMN flagged_at;
