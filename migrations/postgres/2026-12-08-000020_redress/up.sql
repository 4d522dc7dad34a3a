-- Redress that is tracked: a business's proposed remedy (kind, amount, promised date), kept
-- with what became of it; a disputed obligation's reason; and whether a case's remedy is
-- failing the consumer (an obligation to them overdue or disputed), which lets them reopen.
CREATE TABLE offers (
    id uuid PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    remedy text NOT NULL,
    amount_poisha bigint CHECK (amount_poisha >= 0),
    promised_by date NOT NULL,
    note text,
    status text NOT NULL,
    proposed_at timestamptz NOT NULL
);
CREATE INDEX offers_complaint ON offers (complaint_id, proposed_at);

ALTER TABLE obligations ADD COLUMN dispute_reason text;
CREATE INDEX obligations_paid ON obligations (paid_at) WHERE status = 'paid';

ALTER TABLE complaints ADD COLUMN remedy_failing boolean NOT NULL DEFAULT false;
