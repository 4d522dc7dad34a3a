-- When the business first acted on a case: the scorecards' response time and 72-hour share.
ALTER TABLE complaints ADD COLUMN first_response_at text;
UPDATE complaints SET first_response_at = (
    SELECT min(e.at) FROM complaint_events e
    WHERE e.complaint_id = complaints.id AND e.kind = 'transition' AND e.role IN ('business_agent', 'partner')
);
-- The open dataset and the scorecards page by business and filing time.
CREATE INDEX complaints_business_created ON complaints (business_id, created_at);
