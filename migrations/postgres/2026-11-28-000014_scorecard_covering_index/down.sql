DROP INDEX complaints_business_created;
CREATE INDEX complaints_business_created ON complaints (business_id, created_at);
