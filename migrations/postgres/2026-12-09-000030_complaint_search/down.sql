DROP INDEX complaints_phone;
DROP TABLE complaint_search;
