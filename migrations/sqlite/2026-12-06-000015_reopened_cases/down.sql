DROP INDEX complaints_business_created;
CREATE INDEX complaints_business_created
    ON complaints (business_id, created_at, outcome, escalated_at, first_response_at);
ALTER TABLE complaints DROP COLUMN reopened_at;
