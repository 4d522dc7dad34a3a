-- Duplicates: a case a coordinator merged into the original (closed as `duplicate`, counted once
-- in the dataset and scorecards), and the case intake flagged as a likely re-filing of another,
-- for coordinators to look at (never refused for it).
ALTER TABLE complaints ADD COLUMN merged_into text REFERENCES complaints (id);
ALTER TABLE complaints ADD COLUMN possible_duplicate_of text REFERENCES complaints (id);
CREATE INDEX complaints_possible_duplicates ON complaints (created_at) WHERE possible_duplicate_of IS NOT NULL AND merged_into IS NULL;
-- Intake looks for the same order from another phone.
CREATE INDEX complaints_order ON complaints (business_id, order_reference) WHERE order_reference IS NOT NULL;
