DROP TRIGGER audit_entries_written_unlinked;
DROP INDEX audit_entries_pending;
DROP TRIGGER audit_entries_no_update;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    WHEN OLD.hash IS NOT NULL OR OLD.seq > (SELECT backlog_until FROM audit_chain_head WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;
