-- Evidence files of a case (SQLite): the bytes live under the evidence directory, named by id.
CREATE TABLE evidence (
    id text PRIMARY KEY,
    complaint_id text NOT NULL REFERENCES complaints (id),
    file_name text NOT NULL,
    kind text NOT NULL,
    size_bytes integer NOT NULL,
    sha256 text NOT NULL,
    uploaded_by text NOT NULL,
    role text NOT NULL,
    uploaded_at text NOT NULL
);
CREATE INDEX evidence_complaint ON evidence (complaint_id, id);
