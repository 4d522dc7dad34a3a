DROP TABLE audit_read_targets;
