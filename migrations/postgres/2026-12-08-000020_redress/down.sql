ALTER TABLE complaints DROP COLUMN remedy_failing;
DROP INDEX obligations_paid;
ALTER TABLE obligations DROP COLUMN dispute_reason;
DROP TABLE offers;
