//! Table definitions, written by hand to match `migrations/`; the custom types keep them
//! backend-neutral.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    agencies (id) {
        id -> Id,
        code -> Text,
        name_en -> Text,
        name_bn -> Text,
        kind -> Text,
        contact_email -> Nullable<Text>,
        active -> Bool,
        version -> BigInt,
        created_at -> Instant,
        updated_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Id, Instant};

    businesses (id) {
        id -> Id,
        legal_name -> Text,
        trade_names -> Document,
        dbid -> Nullable<Text>,
        trade_licence -> Nullable<Text>,
        kind -> Text,
        parent_id -> Nullable<Id>,
        status -> Text,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        address -> Nullable<Text>,
        search_text -> Text,
        version -> BigInt,
        created_at -> Instant,
        updated_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Id;

    business_domains (domain) {
        domain -> Text,
        business_id -> Id,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Instant};

    audit_entries (seq) {
        seq -> BigInt,
        at -> Instant,
        actor -> Text,
        role -> Text,
        action -> Text,
        target_type -> Text,
        target_id -> Text,
        request_id -> Nullable<Text>,
        detail -> Document,
    }
}

diesel::joinable!(business_domains -> businesses (business_id));

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

diesel::allow_tables_to_appear_in_same_query!(
    agencies,
    businesses,
    business_domains,
    audit_entries,
    accounts,
    otp_challenges,
    refresh_tokens,
    partner_clients,
    throttles,
);
