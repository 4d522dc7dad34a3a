DROP TABLE complaint_events;
DROP TABLE complaints;
DROP TABLE tracking_counters;
