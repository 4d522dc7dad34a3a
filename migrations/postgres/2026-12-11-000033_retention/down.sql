DROP TABLE legal_holds;
DROP INDEX complaints_erasable;
ALTER TABLE evidence DROP COLUMN erased_at;
ALTER TABLE complaints DROP COLUMN erased_at;
