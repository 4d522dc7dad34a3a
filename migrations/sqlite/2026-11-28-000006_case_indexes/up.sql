-- Case lists (SQLite as PostgreSQL) filter by category and by filing date; both keep the id order lists page in.
CREATE INDEX complaints_category ON complaints (category, id);
CREATE INDEX complaints_created ON complaints (created_at);
