-- Assisted intake (issue 24; SQLite). See the PostgreSQL migration for what each part is.
-- SQLite cannot alter a CHECK constraint; widening one (every existing row still passes) is
-- done by editing the stored table definition, as SQLite's ALTER TABLE documentation describes
-- for loosening a constraint. The DDL that follows bumps the schema version, so every
-- connection reads the new definition.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, '''auditor'', ''admin''))', '''auditor'', ''admin'', ''intake_operator''))')
WHERE type = 'table' AND name = 'accounts';
PRAGMA writable_schema = OFF;

ALTER TABLE complaints ADD COLUMN filed_by text REFERENCES accounts (id);
-- When the case went to its first handler (at filing, or when its caller confirmed it): a case
-- without one never reached its business.
ALTER TABLE complaints ADD COLUMN routed_at text;
UPDATE complaints SET routed_at = created_at;
CREATE INDEX complaints_filed_by ON complaints (filed_by, created_at) WHERE filed_by IS NOT NULL;

CREATE TABLE intake_confirmations (
    complaint_id text PRIMARY KEY REFERENCES complaints (id),
    code_digest text NOT NULL,
    attempts_left integer NOT NULL,
    notice_event_id text NOT NULL,
    confirmed_at text,
    confirmed_via text CHECK (confirmed_via IN ('sms', 'operator', 'app'))
);

CREATE TABLE inbound_messages (
    id text PRIMARY KEY,
    channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    received_at text NOT NULL,
    verb text,
    outcome text NOT NULL,
    complaint_id text REFERENCES complaints (id)
);

ALTER TABLE complaint_contacts ADD COLUMN sms_stopped integer NOT NULL DEFAULT 0;
