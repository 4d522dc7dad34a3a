-- The office an officer works from (a DNCRP district office, say): an escalated case no one
-- assigns goes to the office with the fewest open cases. NULL is the agency's head office.
ALTER TABLE accounts ADD COLUMN office text;
