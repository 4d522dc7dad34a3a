-- A reopened case has no outcome until it closes again; when it was (last) reopened is kept so
-- that the open dataset and the business's scorecard show it as reopened. Scorecards count it
-- from the covering index, like the other counts.
ALTER TABLE complaints ADD COLUMN reopened_at timestamptz;
DROP INDEX complaints_business_created;
CREATE INDEX complaints_business_created
    ON complaints (business_id, created_at, outcome, escalated_at, first_response_at, reopened_at);
