DROP INDEX complaints_business_created;
ALTER TABLE complaints DROP COLUMN first_response_at;
