ALTER TABLE complaint_contacts DROP COLUMN sms_stopped;
DROP TABLE inbound_messages;
DROP TABLE intake_confirmations;
DROP INDEX complaints_filed_by;
ALTER TABLE complaints DROP COLUMN filed_by;
DELETE FROM refresh_tokens WHERE account_id IN (SELECT id FROM accounts WHERE role = 'intake_operator');
DELETE FROM accounts WHERE role = 'intake_operator';
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('consumer', 'business_agent', 'partner', 'officer', 'regulator', 'coordinator', 'auditor', 'admin'));
