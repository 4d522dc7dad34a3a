-- When the business first acted on a case: the scorecards' response time and 72-hour share.
ALTER TABLE complaints ADD COLUMN first_response_at timestamptz;
UPDATE complaints c SET first_response_at = (
    SELECT min(e.at) FROM complaint_events e
    WHERE e.complaint_id = c.id AND e.kind = 'transition' AND e.role IN ('business_agent', 'partner')
);
-- The open dataset's id for a case: random, so it tells nothing of when the case was filed
-- (the case id, a UUIDv7, would) and links to nothing else. The dataset pages by it.
ALTER TABLE complaints ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX complaints_public_id ON complaints (public_id);
CREATE INDEX complaints_business_public ON complaints (business_id, public_id);
-- Scorecards count a business's cases by filing time.
CREATE INDEX complaints_business_created ON complaints (business_id, created_at);
