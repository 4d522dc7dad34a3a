DROP TABLE complaint_events;
DROP TABLE complaint_agencies;
DROP TABLE complaints;
DROP TABLE tracking_counters;
