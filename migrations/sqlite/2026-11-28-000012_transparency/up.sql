-- When the business first acted on a case: the scorecards' response time and 72-hour share.
ALTER TABLE complaints ADD COLUMN first_response_at text;
UPDATE complaints SET first_response_at = (
    SELECT min(e.at) FROM complaint_events e
    WHERE e.complaint_id = complaints.id AND e.kind = 'transition' AND e.role IN ('business_agent', 'partner')
);
-- The open dataset's id for a case: random, so it tells nothing of when the case was filed
-- (the case id, a UUIDv7, would) and links to nothing else. The dataset pages by it.
ALTER TABLE complaints ADD COLUMN public_id text;
UPDATE complaints SET public_id = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX complaints_public_id ON complaints (public_id);
CREATE INDEX complaints_business_public ON complaints (business_id, public_id);
-- Scorecards count a business's cases by filing time.
CREATE INDEX complaints_business_created ON complaints (business_id, created_at);
