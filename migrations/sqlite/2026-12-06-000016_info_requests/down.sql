ALTER TABLE complaints DROP COLUMN info_requests;
