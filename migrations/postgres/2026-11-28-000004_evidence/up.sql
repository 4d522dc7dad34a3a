-- Evidence files of a case: the bytes live under the evidence directory, named by id.
CREATE TABLE evidence (
    id uuid PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    file_name text NOT NULL,
    kind text NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 text NOT NULL,
    uploaded_by text NOT NULL,
    role text NOT NULL,
    uploaded_at timestamptz NOT NULL
);
CREATE INDEX evidence_complaint ON evidence (complaint_id, id);
