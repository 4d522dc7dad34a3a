ALTER TABLE obligations DROP COLUMN payout_failure;
DROP TABLE matter_events;
DROP TABLE matter_cases;
DROP TABLE matters;
DROP TABLE surges;
