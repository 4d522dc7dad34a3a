-- Entries are written unlinked with their change and linked into the hash chain just after
-- it commits. An entry is written without links and may receive all four once; nothing else
-- about any entry ever changes.
DROP TRIGGER audit_entries_no_update;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    WHEN OLD.hash IS NOT NULL OR NEW.chain_index IS NULL OR NEW.digest IS NULL
        OR NEW.prev_hash IS NULL OR NEW.hash IS NULL OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at
        OR NEW.actor IS NOT OLD.actor OR NEW.role IS NOT OLD.role
        OR NEW.action IS NOT OLD.action OR NEW.target_type IS NOT OLD.target_type
        OR NEW.target_id IS NOT OLD.target_id OR NEW.request_id IS NOT OLD.request_id
        OR NEW.detail IS NOT OLD.detail
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;
CREATE INDEX audit_entries_pending ON audit_entries (seq) WHERE hash IS NULL;
CREATE TRIGGER audit_entries_written_unlinked BEFORE INSERT ON audit_entries
    WHEN NEW.chain_index IS NOT NULL OR NEW.digest IS NOT NULL
        OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit entries are written without links; the linker links them');
END;
