-- When the consumer and the business were reminded that an unpaid obligation falls due soon:
-- once per obligation.
ALTER TABLE obligations ADD COLUMN reminded_at text;
