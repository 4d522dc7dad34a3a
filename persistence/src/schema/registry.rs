//! The registries: agencies, businesses and their web domains.

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

diesel::joinable!(business_domains -> businesses (business_id));
