//! What goes out: the outbox, webhook subscriptions and deliveries, notices, worker tallies.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Id, Instant};

    outbox (seq) {
        seq -> BigInt,
        event_id -> Id,
        event_type -> Text,
        complaint_id -> Nullable<Id>,
        business_id -> Nullable<Id>,
        payload -> Document,
        created_at -> Instant,
        announced_at -> Nullable<Instant>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Id, Instant};

    subscriptions (id) {
        id -> Id,
        owner_kind -> Text,
        owner -> Text,
        url -> Text,
        event_types -> Document,
        description -> Nullable<Text>,
        secret_salt -> Text,
        status -> Text,
        failure_run -> Integer,
        failing_since -> Nullable<Instant>,
        disabled_reason -> Nullable<Text>,
        created_by -> Text,
        version -> BigInt,
        created_at -> Instant,
        updated_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    deliveries (id) {
        id -> Id,
        subscription_id -> Id,
        event_id -> Id,
        event_type -> Text,
        body -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Nullable<Instant>,
        queued_at -> Instant,
        finished_at -> Nullable<Instant>,
    }
}

diesel::joinable!(deliveries -> subscriptions (subscription_id));

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    delivery_attempts (id) {
        id -> BigInt,
        delivery_id -> Id,
        attempt -> Integer,
        at -> Instant,
        status_code -> Nullable<Integer>,
        latency_ms -> BigInt,
        error -> Nullable<Text>,
    }
}

diesel::joinable!(delivery_attempts -> deliveries (delivery_id));

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    notifications (id) {
        id -> Id,
        event_id -> Id,
        channel -> Text,
        recipient -> Text,
        language -> Text,
        subject -> Text,
        body -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Nullable<Instant>,
        last_error -> Nullable<Text>,
        created_at -> Instant,
        sent_at -> Nullable<Instant>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Instant;

    worker_tallies (name) {
        name -> Text,
        total -> BigInt,
        updated_at -> Instant,
    }
}
