//! Complaints and what hangs off one: tracking numbers, agencies, timeline, evidence, contacts, feedback, public responses.

diesel::table! {
    tracking_counters (year) {
        year -> Integer,
        last -> BigInt,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Id, Instant};

    complaints (id) {
        id -> Id,
        tracking_number -> Text,
        consumer_id -> Id,
        consumer_phone -> Text,
        business_id -> Id,
        pushed_by -> Nullable<Text>,
        channel -> Text,
        category -> Text,
        subject -> Text,
        description -> Text,
        order_reference -> Nullable<Text>,
        order_date -> Nullable<Date>,
        incident_date -> Date,
        amount_paid -> BigInt,
        amount_claimed -> BigInt,
        payment_method -> Text,
        desired_remedy -> Text,
        contacted_business_on -> Nullable<Date>,
        consent_to_publish -> Bool,
        routing -> Document,
        escalation_agency -> Text,
        state -> Text,
        waiting_on_consumer -> Bool,
        outcome -> Nullable<Text>,
        closed_at -> Nullable<Instant>,
        escalated_at -> Nullable<Instant>,
        assigned_officer -> Nullable<Id>,
        version -> BigInt,
        created_at -> Instant,
        updated_at -> Instant,
        clocks -> Document,
        due_at -> Nullable<Instant>,
        wake_at -> Nullable<Instant>,
        first_response_at -> Nullable<Instant>,
        public_id -> Id,
        reopened_at -> Nullable<Instant>,
        info_requests -> Integer,
        remedy_failing -> Bool,
        merged_into -> Nullable<Id>,
        possible_duplicate_of -> Nullable<Id>,
        filed_by -> Nullable<Id>,
        routed_at -> Nullable<Instant>,
        erased_at -> Nullable<Instant>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Id;

    complaint_agencies (complaint_id, agency_code) {
        complaint_id -> Id,
        agency_code -> Text,
        relation -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Id, Instant};

    complaint_events (seq) {
        seq -> BigInt,
        complaint_id -> Id,
        at -> Instant,
        actor -> Text,
        role -> Text,
        kind -> Text,
        action -> Nullable<Text>,
        from_state -> Nullable<Text>,
        to_state -> Nullable<Text>,
        staff_only -> Bool,
        detail -> Document,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    evidence (id) {
        id -> Id,
        complaint_id -> Id,
        file_name -> Text,
        kind -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        uploaded_by -> Text,
        role -> Text,
        uploaded_at -> Instant,
        erased_at -> Nullable<Instant>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    feedback (complaint_id) {
        complaint_id -> Id,
        rating -> Integer,
        comment -> Nullable<Text>,
        created_at -> Instant,
        resolved -> Nullable<Bool>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Id;

    complaint_contacts (complaint_id) {
        complaint_id -> Id,
        language -> Text,
        email -> Nullable<Text>,
        sms_stopped -> Bool,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    public_responses (complaint_id) {
        complaint_id -> Id,
        text -> Text,
        status -> Text,
        submitted_by -> Text,
        submitted_at -> Instant,
        moderated_by -> Nullable<Text>,
        moderated_at -> Nullable<Instant>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Id;

    complaint_search (doc) {
        doc -> BigInt,
        complaint_id -> Id,
        words -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Id, Instant};

    legal_holds (complaint_id) {
        complaint_id -> Id,
        reason -> Text,
        placed_by -> Text,
        placed_at -> Instant,
    }
}
