//! Assisted intake: the code a caller confirms an operator's filing with, and the SMS commands
//! the gateway posted.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    intake_confirmations (complaint_id) {
        complaint_id -> Id,
        code_digest -> Text,
        attempts_left -> Integer,
        notice_event_id -> Id,
        confirmed_at -> Nullable<Instant>,
        confirmed_via -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    inbound_messages (id) {
        id -> Text,
        channel -> Text,
        received_at -> Instant,
        verb -> Nullable<Text>,
        outcome -> Text,
        complaint_id -> Nullable<Id>,
    }
}
