DROP INDEX outbox_unannounced;
ALTER TABLE outbox DROP COLUMN announced_at;
DROP TABLE notifications;
DROP TABLE complaint_contacts;
DROP TABLE delivery_attempts;
DROP TABLE deliveries;
DROP TABLE subscriptions;
