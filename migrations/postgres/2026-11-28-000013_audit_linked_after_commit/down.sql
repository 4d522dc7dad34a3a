DROP TRIGGER audit_entries_written_unlinked ON audit_entries;
DROP FUNCTION audit_entries_written_unlinked();
DROP INDEX audit_entries_pending;
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL
        AND OLD.seq <= (SELECT backlog_until FROM audit_chain_head WHERE id = 1) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entries is append-only';
END
$$ LANGUAGE plpgsql;
