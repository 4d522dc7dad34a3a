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
diesel::allow_tables_to_appear_in_same_query!(
    agencies,
    businesses,
    business_domains,
    audit_entries
);
