DROP INDEX complaints_phone;
DROP TRIGGER complaint_search_changed;
DROP TRIGGER complaint_search_removed;
DROP TRIGGER complaint_search_added;
DROP TABLE complaint_search_fts;
DROP TABLE complaint_search;
