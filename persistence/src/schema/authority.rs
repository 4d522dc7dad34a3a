//! What the authorities do with a case: hearings, decisions, obligations, offers, referrals, appeals, reviews; surges and collective matters.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    appeals (id) {
        id -> Id,
        complaint_id -> Id,
        party -> Text,
        court -> Text,
        reference -> Text,
        filed_on -> Date,
        recorded_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Id, Instant};

    hearings (id) {
        id -> Id,
        complaint_id -> Id,
        scheduled_at -> Instant,
        mode -> Text,
        meeting_link -> Nullable<Text>,
        venue -> Nullable<Text>,
        status -> Text,
        reason -> Nullable<Text>,
        replaced_by -> Nullable<Id>,
        attendance -> Nullable<Document>,
        minutes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Instant,
        updated_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    decisions (complaint_id) {
        complaint_id -> Id,
        verdict -> Text,
        fine_poisha -> BigInt,
        compensation_poisha -> BigInt,
        reasons -> Text,
        decided_by -> Text,
        decided_at -> Instant,
        appeal_until -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    obligations (id) {
        id -> Id,
        complaint_id -> Id,
        kind -> Text,
        amount_poisha -> BigInt,
        due_at -> Instant,
        status -> Text,
        reference -> Nullable<Text>,
        paid_at -> Nullable<Instant>,
        confirmed_at -> Nullable<Instant>,
        version -> BigInt,
        created_at -> Instant,
        dispute_reason -> Nullable<Text>,
        reminded_at -> Nullable<Instant>,
        payout_failure -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    offers (id) {
        id -> Id,
        complaint_id -> Id,
        remedy -> Text,
        amount_poisha -> Nullable<BigInt>,
        promised_by -> Date,
        note -> Nullable<Text>,
        status -> Text,
        proposed_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    referrals (id) {
        id -> Id,
        complaint_id -> Id,
        agency_code -> Text,
        status -> Text,
        regulator_reference -> Nullable<Text>,
        reason -> Nullable<Text>,
        outcome -> Nullable<Text>,
        referred_by -> Text,
        sent_at -> Instant,
        acknowledged_at -> Nullable<Instant>,
        decided_at -> Nullable<Instant>,
        concluded_at -> Nullable<Instant>,
        version -> BigInt,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    reviews (complaint_id) {
        complaint_id -> Id,
        reason -> Text,
        requested_at -> Instant,
        due_at -> Instant,
        reviewer -> Id,
        earlier_outcome -> Text,
        result -> Nullable<Text>,
        outcome -> Nullable<Text>,
        reasons -> Nullable<Text>,
        decided_at -> Nullable<Instant>,
        flagged_at -> Nullable<Instant>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    surges (id) {
        id -> Id,
        business_id -> Id,
        started_at -> Instant,
        ended_at -> Nullable<Instant>,
        cases_in_window -> BigInt,
        window_days -> Integer,
        threshold -> BigInt,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    matters (id) {
        id -> Id,
        business_id -> Id,
        title -> Text,
        agency_code -> Text,
        officer_id -> Id,
        status -> Text,
        auto_join -> Bool,
        opened_by -> Text,
        opened_at -> Instant,
        decided_at -> Nullable<Instant>,
        version -> BigInt,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    matter_cases (complaint_id) {
        complaint_id -> Id,
        matter_id -> Id,
        added_at -> Instant,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Id, Instant};

    matter_events (seq) {
        seq -> BigInt,
        matter_id -> Id,
        at -> Instant,
        actor -> Text,
        kind -> Text,
        detail -> Document,
    }
}
