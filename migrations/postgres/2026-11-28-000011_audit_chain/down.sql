DROP TRIGGER audit_entries_append_only ON audit_entries;
DROP FUNCTION audit_entries_append_only();
DROP TABLE audit_chain_head;
DROP INDEX audit_entries_target;
DROP INDEX audit_entries_chain;
ALTER TABLE audit_entries DROP COLUMN hash;
ALTER TABLE audit_entries DROP COLUMN prev_hash;
ALTER TABLE audit_entries DROP COLUMN digest;
ALTER TABLE audit_entries DROP COLUMN chain_index;
