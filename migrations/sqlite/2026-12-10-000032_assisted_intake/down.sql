ALTER TABLE complaint_contacts DROP COLUMN sms_stopped;
DROP TABLE inbound_messages;
DROP TABLE intake_confirmations;
DROP INDEX complaints_filed_by;
ALTER TABLE complaints DROP COLUMN filed_by;
ALTER TABLE complaints DROP COLUMN routed_at;
DELETE FROM refresh_tokens WHERE account_id IN (SELECT id FROM accounts WHERE role = 'intake_operator');
DELETE FROM accounts WHERE role = 'intake_operator';
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, ', ''intake_operator''))', '))')
WHERE type = 'table' AND name = 'accounts';
PRAGMA writable_schema = OFF;
CREATE TABLE schema_bump (x integer);
DROP TABLE schema_bump;
