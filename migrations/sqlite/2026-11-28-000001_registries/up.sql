-- Registries (SQLite): same shape as PostgreSQL; uuid, timestamptz and jsonb are stored as text.
CREATE TABLE agencies (
    id text PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name_en text NOT NULL,
    name_bn text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('directorate', 'regulator')),
    contact_email text,
    active integer NOT NULL,
    version integer NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
);

CREATE TABLE businesses (
    id text PRIMARY KEY,
    legal_name text NOT NULL,
    trade_names text NOT NULL,
    dbid text UNIQUE,
    trade_licence text,
    kind text NOT NULL CHECK (kind IN ('shop', 'marketplace', 'seller')),
    parent_id text REFERENCES businesses (id),
    status text NOT NULL CHECK (status IN ('active', 'suspended')),
    contact_email text,
    contact_phone text,
    address text,
    search_text text NOT NULL,
    version integer NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE INDEX businesses_status_id ON businesses (status, id);

-- One row per web domain: a domain names exactly one business, so intake can resolve it.
CREATE TABLE business_domains (
    domain text PRIMARY KEY,
    business_id text NOT NULL REFERENCES businesses (id) ON DELETE CASCADE
);
CREATE INDEX business_domains_business ON business_domains (business_id);

CREATE TABLE audit_entries (
    seq integer PRIMARY KEY AUTOINCREMENT,
    at text NOT NULL,
    actor text NOT NULL,
    role text NOT NULL,
    action text NOT NULL,
    target_type text NOT NULL,
    target_id text NOT NULL,
    request_id text,
    detail text NOT NULL
);
