DROP TABLE holiday_calendars;
