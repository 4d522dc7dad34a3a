ALTER TABLE accounts DROP COLUMN office;
