-- Identity: accounts (consumers by phone, staff by e-mail), one-time codes, refresh tokens,
-- partner API clients, and sign-in throttling. Secrets are stored only as hashes.
CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('consumer', 'business_agent', 'partner', 'officer', 'regulator', 'coordinator', 'auditor', 'admin')),
    email text UNIQUE,
    phone text UNIQUE,
    display_name text,
    password_hash text,
    business_id uuid REFERENCES businesses (id),
    agency_code text REFERENCES agencies (code),
    business_admin boolean NOT NULL,
    disabled boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE otp_challenges (
    id uuid PRIMARY KEY,
    phone text NOT NULL,
    code_hash text NOT NULL,
    expires_at timestamptz NOT NULL,
    attempts_left integer NOT NULL,
    consumed boolean NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX otp_challenges_phone ON otp_challenges (phone, created_at);

CREATE TABLE refresh_tokens (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    family uuid NOT NULL,
    token_hash text NOT NULL UNIQUE,
    expires_at timestamptz NOT NULL,
    spent boolean NOT NULL,
    revoked boolean NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);

CREATE TABLE partner_clients (
    id uuid PRIMARY KEY,
    client_id text NOT NULL UNIQUE,
    secret_hash text NOT NULL,
    name text NOT NULL,
    business_id uuid NOT NULL REFERENCES businesses (id),
    revoked boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Counters for rate limits and sign-in lockout, keyed by bucket and key (phone, address, e-mail).
CREATE TABLE throttles (
    bucket text NOT NULL,
    key text NOT NULL,
    window_started timestamptz NOT NULL,
    count integer NOT NULL,
    locked_until timestamptz,
    PRIMARY KEY (bucket, key)
);
