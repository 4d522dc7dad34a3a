-- How many times the business asked the consumer for information on the case: each request
-- pauses the clocks, so the policy bounds how many it may make.
ALTER TABLE complaints ADD COLUMN info_requests integer NOT NULL DEFAULT 0;
