ALTER TABLE feedback DROP COLUMN resolved;
