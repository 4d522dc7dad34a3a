-- A business's public response to a closed case: one per case, public once a coordinator
-- publishes it (scrubbed like narratives in the open dataset).
CREATE TABLE public_responses (
    complaint_id text PRIMARY KEY REFERENCES complaints (id),
    text text NOT NULL,
    status text NOT NULL,
    submitted_by text NOT NULL,
    submitted_at text NOT NULL,
    moderated_by text,
    moderated_at text,
    reason text
);
CREATE INDEX public_responses_pending ON public_responses (submitted_at) WHERE status = 'pending';
