-- Published versions of the holiday calendar; a version is never changed. Version 1 is the
-- shipped file (or the deployment's CCMS_HOLIDAYS_FILE), written at the first start.
CREATE TABLE holiday_calendars (
    version integer PRIMARY KEY CHECK (version > 0),
    document text NOT NULL,
    published_at text NOT NULL,
    published_by text NOT NULL
);
