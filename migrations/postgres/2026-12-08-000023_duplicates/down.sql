DROP INDEX complaints_order;
DROP INDEX complaints_possible_duplicates;
ALTER TABLE complaints DROP COLUMN possible_duplicate_of;
ALTER TABLE complaints DROP COLUMN merged_into;
