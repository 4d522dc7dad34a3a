-- Webhook subscriptions. The signing secret is not stored: it is derived from the server's
-- webhook key and `secret_salt`, so a copy of the database does not give it away.
CREATE TABLE subscriptions (
    id text PRIMARY KEY,
    owner_kind text NOT NULL CHECK (owner_kind IN ('business', 'agency')),
    owner text NOT NULL,
    url text NOT NULL,
    event_types text NOT NULL,
    description text,
    secret_salt text NOT NULL,
    status text NOT NULL CHECK (status IN ('active', 'disabled')),
    failure_run integer NOT NULL DEFAULT 0,
    failing_since text,
    disabled_reason text,
    created_by text NOT NULL,
    version bigint NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE INDEX subscriptions_owner ON subscriptions (owner_kind, owner, id);

-- One event for one subscription, until delivered or given up. `next_attempt_at` is also the
-- lease: a dispatcher that takes a delivery moves it a minute ahead, so a crashed process's
-- delivery comes due again and is never in flight at two processes at once.
CREATE TABLE deliveries (
    id text PRIMARY KEY,
    subscription_id text NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    event_id text NOT NULL,
    event_type text NOT NULL,
    body text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at text,
    queued_at text NOT NULL,
    finished_at text,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_subscription ON deliveries (subscription_id, id);

-- Every attempt, as the subscription's owner reads it in the delivery log.
CREATE TABLE delivery_attempts (
    id integer PRIMARY KEY AUTOINCREMENT,
    delivery_id text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    at text NOT NULL,
    status_code integer,
    latency_ms bigint NOT NULL,
    error text
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, id);

-- How a consumer wants to hear about a case: the language of the filing and an optional
-- e-mail address (SMS goes to the case's phone number).
CREATE TABLE complaint_contacts (
    complaint_id text PRIMARY KEY REFERENCES complaints (id),
    language text NOT NULL CHECK (language IN ('bn', 'en')),
    email text
);

-- SMS and e-mail to consumers and subscription owners, waiting for the gateway.
CREATE TABLE notifications (
    id text PRIMARY KEY,
    event_id text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient text NOT NULL,
    language text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at text,
    last_error text,
    created_at text NOT NULL,
    sent_at text,
    UNIQUE (event_id, channel)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';

-- Outbox rows the dispatcher has turned into deliveries and notifications. Rows written before
-- there was a dispatcher count as announced: consumers are not sent a backlog of old news.
ALTER TABLE outbox ADD COLUMN announced_at text;
UPDATE outbox SET announced_at = created_at;
CREATE INDEX outbox_unannounced ON outbox (seq) WHERE announced_at IS NULL;
