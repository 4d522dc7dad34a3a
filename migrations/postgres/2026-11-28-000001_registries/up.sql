-- Registries: agencies and businesses, and the audit log every write appends to.
CREATE TABLE agencies (
    id uuid PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name_en text NOT NULL,
    name_bn text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('directorate', 'regulator')),
    contact_email text,
    active boolean NOT NULL,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE businesses (
    id uuid PRIMARY KEY,
    legal_name text NOT NULL,
    trade_names jsonb NOT NULL,
    dbid text UNIQUE,
    trade_licence text,
    kind text NOT NULL CHECK (kind IN ('shop', 'marketplace', 'seller')),
    parent_id uuid REFERENCES businesses (id),
    status text NOT NULL CHECK (status IN ('active', 'suspended')),
    contact_email text,
    contact_phone text,
    address text,
    search_text text NOT NULL,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX businesses_status_id ON businesses (status, id);

-- One row per web domain: a domain names exactly one business, so intake can resolve it.
CREATE TABLE business_domains (
    domain text PRIMARY KEY,
    business_id uuid NOT NULL REFERENCES businesses (id) ON DELETE CASCADE
);
CREATE INDEX business_domains_business ON business_domains (business_id);

CREATE TABLE audit_entries (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    role text NOT NULL,
    action text NOT NULL,
    target_type text NOT NULL,
    target_id text NOT NULL,
    request_id text,
    detail jsonb NOT NULL
);
