-- Entries are written unlinked with their change and linked into the hash chain just after
-- it commits, a batch at a time, so writers no longer queue on the chain's head for the whole
-- of their transactions. An entry is written without links and may receive all four once;
-- nothing else about any entry ever changes.
CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL
        AND NEW.chain_index IS NOT NULL AND NEW.digest IS NOT NULL
        AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
        AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor
        AND NEW.role = OLD.role AND NEW.action = OLD.action
        AND NEW.target_type = OLD.target_type AND NEW.target_id = OLD.target_id
        AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id AND NEW.detail = OLD.detail THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_entries is append-only';
END
$$ LANGUAGE plpgsql;
CREATE INDEX audit_entries_pending ON audit_entries (seq) WHERE hash IS NULL;
CREATE FUNCTION audit_entries_written_unlinked() RETURNS trigger AS $$
BEGIN
    IF NEW.chain_index IS NOT NULL OR NEW.digest IS NOT NULL
        OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
        RAISE EXCEPTION 'audit entries are written without links; the linker links them';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entries_written_unlinked BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_written_unlinked();
