DROP INDEX complaints_business_created;
DROP INDEX complaints_business_public;
DROP INDEX complaints_public_id;
ALTER TABLE complaints DROP COLUMN public_id;
ALTER TABLE complaints DROP COLUMN first_response_at;
