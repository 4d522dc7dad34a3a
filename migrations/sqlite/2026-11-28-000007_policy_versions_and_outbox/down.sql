DROP INDEX complaints_wake;
ALTER TABLE complaints DROP COLUMN wake_at;
DROP TABLE outbox;
DROP TABLE policy_versions;
