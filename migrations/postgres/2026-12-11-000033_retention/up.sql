-- Personal data over its life (issue 25): when a case's personal data was erased (by the
-- retention sweep or on the consumer's request), the same for each evidence file (its bytes are
-- then removed from the object store), and the legal holds coordinators place on cases.
ALTER TABLE complaints ADD COLUMN erased_at timestamptz;
ALTER TABLE evidence ADD COLUMN erased_at timestamptz;
-- The sweep looks for closed cases not erased yet, oldest closing first.
CREATE INDEX complaints_erasable ON complaints (closed_at) WHERE erased_at IS NULL AND closed_at IS NOT NULL;

CREATE TABLE legal_holds (
    complaint_id uuid PRIMARY KEY REFERENCES complaints (id),
    reason text NOT NULL,
    placed_by text NOT NULL,
    placed_at timestamptz NOT NULL
);
