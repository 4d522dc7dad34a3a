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
    last_hash text NOT NULL,
    -- Entries up to this row were written before the chain existed; only they are linked late.
    backlog_until bigint NOT NULL
);
INSERT INTO audit_chain_head
    SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', coalesce(max(seq), 0)
    FROM audit_entries;

-- Append-only: rows are never changed or removed (entries written before the chain existed
-- get their links once, at startup).
CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL
        AND OLD.seq <= (SELECT backlog_until FROM audit_chain_head WHERE id = 1) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entries is append-only';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
CREATE FUNCTION audit_entries_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_no_truncate();
-- The head only moves forward.
CREATE FUNCTION audit_chain_head_forward() RETURNS trigger AS $$
BEGIN
    IF NEW.last_index < OLD.last_index OR NEW.backlog_until <> OLD.backlog_until THEN
        RAISE EXCEPTION 'the audit chain head only moves forward';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward();
