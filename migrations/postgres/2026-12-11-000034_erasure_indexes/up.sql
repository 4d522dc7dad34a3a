-- What erasing a case looks up by the case (issue 25): the webhook bodies of its events, the
-- SMS commands about it, and the notices that went to a phone (also the export's).
CREATE INDEX deliveries_event ON deliveries (event_id);
CREATE INDEX inbound_messages_complaint ON inbound_messages (complaint_id) WHERE complaint_id IS NOT NULL;
CREATE INDEX notifications_recipient ON notifications (recipient);
