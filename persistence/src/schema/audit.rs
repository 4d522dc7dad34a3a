//! The audit log, its chain head, and the list pages found by record.

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
        chain_index -> Nullable<BigInt>,
        digest -> Nullable<Text>,
        prev_hash -> Nullable<Text>,
        hash -> Nullable<Text>,
    }
}

diesel::table! {
    audit_read_targets (target_id, seq) {
        target_id -> Text,
        seq -> BigInt,
    }
}

diesel::table! {
    audit_chain_head (id) {
        id -> Integer,
        last_index -> BigInt,
        last_hash -> Text,
        backlog_until -> BigInt,
    }
}
