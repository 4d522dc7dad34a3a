-- Assisted intake (issue 24): intake operators, the operator who filed a case for a caller, the
-- code the caller confirms it with (only its keyed digest), SMS commands received (for replay
-- safety), and a consumer's STOP.
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check CHECK (role IN ('consumer', 'business_agent', 'partner', 'officer', 'regulator', 'coordinator', 'auditor', 'admin', 'intake_operator'));

ALTER TABLE complaints ADD COLUMN filed_by uuid REFERENCES accounts (id);
-- When the case went to its first handler (at filing, or when its caller confirmed it): a case
-- without one never reached its business.
ALTER TABLE complaints ADD COLUMN routed_at timestamptz;
UPDATE complaints SET routed_at = created_at;
CREATE INDEX complaints_filed_by ON complaints (filed_by, created_at) WHERE filed_by IS NOT NULL;

-- One row per case an operator filed; `code_digest` is HMAC-SHA256 under the server's key, so
-- the database alone cannot give the code back.
CREATE TABLE intake_confirmations (
    complaint_id uuid PRIMARY KEY REFERENCES complaints (id),
    code_digest text NOT NULL,
    attempts_left integer NOT NULL,
    notice_event_id uuid NOT NULL,
    confirmed_at timestamptz,
    confirmed_via text CHECK (confirmed_via IN ('sms', 'operator', 'app'))
);

-- Each message the SMS gateway posted, by its id: a delivery posted again does nothing twice.
-- Neither the text nor the phone is kept here (the audit log names the message).
CREATE TABLE inbound_messages (
    id text PRIMARY KEY,
    channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    received_at timestamptz NOT NULL,
    verb text,
    outcome text NOT NULL,
    complaint_id uuid REFERENCES complaints (id)
);

ALTER TABLE complaint_contacts ADD COLUMN sms_stopped boolean NOT NULL DEFAULT false;
