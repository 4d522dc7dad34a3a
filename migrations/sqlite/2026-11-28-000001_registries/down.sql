DROP TABLE audit_entries;
DROP TABLE business_domains;
DROP TABLE businesses;
DROP TABLE agencies;
