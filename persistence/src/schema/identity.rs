//! Accounts and what signing in and calling the API keep: codes, refresh tokens, partner clients, rate counters, idempotency keys.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    accounts (id) {
        id -> Id,
        role -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        display_name -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        business_id -> Nullable<Id>,
        agency_code -> Nullable<Text>,
        business_admin -> Bool,
        disabled -> Bool,
        created_at -> Instant,
        updated_at -> Instant,
        office -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    otp_challenges (id) {
        id -> Id,
        phone -> Text,
        code_hash -> Text,
        expires_at -> Instant,
        attempts_left -> Integer,
        consumed -> Bool,
        created_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    refresh_tokens (id) {
        id -> Id,
        account_id -> Id,
        family -> Id,
        token_hash -> Text,
        expires_at -> Instant,
        spent -> Bool,
        revoked -> Bool,
        created_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    partner_clients (id) {
        id -> Id,
        client_id -> Text,
        secret_hash -> Text,
        name -> Text,
        business_id -> Id,
        revoked -> Bool,
        created_at -> Instant,
        updated_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Instant;

    throttles (bucket, key) {
        bucket -> Text,
        key -> Text,
        window_started -> Instant,
        count -> Integer,
        locked_until -> Nullable<Instant>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Instant};

    idempotency_keys (client_id, key) {
        client_id -> Text,
        key -> Text,
        fingerprint -> Text,
        status_code -> Nullable<Integer>,
        response_headers -> Nullable<Document>,
        response_body -> Nullable<Binary>,
        started_at -> Instant,
        completed_at -> Nullable<Instant>,
    }
}
