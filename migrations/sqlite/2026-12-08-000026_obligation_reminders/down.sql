ALTER TABLE obligations DROP COLUMN reminded_at;
