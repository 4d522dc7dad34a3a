DROP INDEX complaints_created;
DROP INDEX complaints_category;
