-- The audit log becomes a hash chain: each entry's hash covers its position, its fields, a
-- digest of the change and the previous entry's hash. SQLite runs one writer at a time, so
-- appends extend one chain.
ALTER TABLE audit_entries ADD COLUMN chain_index integer;
ALTER TABLE audit_entries ADD COLUMN digest text;
ALTER TABLE audit_entries ADD COLUMN prev_hash text;
ALTER TABLE audit_entries ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_entries_chain ON audit_entries (chain_index);
CREATE INDEX audit_entries_target ON audit_entries (target_type, target_id, seq);

CREATE TABLE audit_chain_head (
    id integer PRIMARY KEY CHECK (id = 1),
    last_index integer NOT NULL,
    last_hash text NOT NULL,
    -- Entries up to this row were written before the chain existed; only they are linked late.
    backlog_until integer NOT NULL
);
INSERT INTO audit_chain_head
    SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', coalesce(max(seq), 0)
    FROM audit_entries;

-- Append-only: rows are never changed or removed (entries written before the chain existed
-- get their links once, at startup).
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    WHEN OLD.hash IS NOT NULL OR OLD.seq > (SELECT backlog_until FROM audit_chain_head WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;
-- The head only moves forward.
CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head
    WHEN NEW.last_index < OLD.last_index OR NEW.backlog_until <> OLD.backlog_until
BEGIN
    SELECT RAISE(ABORT, 'the audit chain head only moves forward');
END;
