DROP INDEX notifications_recipient;
DROP INDEX inbound_messages_complaint;
DROP INDEX deliveries_event;
