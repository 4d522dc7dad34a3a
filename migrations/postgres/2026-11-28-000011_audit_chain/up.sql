-- The audit log becomes a hash chain: each entry's hash covers its position, its fields, a
-- digest of the change and the previous entry's hash. The head row is locked by every append,
-- so concurrent writers extend one chain and never fork it.
ALTER TABLE audit_entries ADD COLUMN chain_index bigint;
ALTER TABLE audit_entries ADD COLUMN digest text;
ALTER TABLE audit_entries ADD COLUMN prev_hash text;
ALTER TABLE audit_entries ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_entries_chain ON audit_entries (chain_index);
CREATE INDEX audit_entries_target ON audit_entries (target_type, target_id, seq);

CREATE TABLE audit_chain_head (
    id integer PRIMARY KEY CHECK (id = 1),
    last_index bigint NOT NULL,
    last_hash text NOT NULL
);
INSERT INTO audit_chain_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: rows are never changed or removed (entries written before the chain existed
-- get their links once, at startup).
CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entries is append-only';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
