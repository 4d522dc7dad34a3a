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
    tracking_counters (year) {
        year -> Integer,
        last -> BigInt,
    }
}

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
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Instant};

    holiday_calendars (version) {
        version -> Integer,
        document -> Document,
        published_at -> Instant,
        published_by -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Instant};

    policy_versions (version) {
        version -> Integer,
        document -> Document,
        published_at -> Instant,
        published_by -> Text,
    }
}

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
    use crate::db::types::Id;

    complaint_contacts (complaint_id) {
        complaint_id -> Id,
        language -> Text,
        email -> Nullable<Text>,
    }
}

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

diesel::allow_tables_to_appear_in_same_query!(
    audit_read_targets,
    reviews,
    public_responses,
    appeals,
    agencies,
    businesses,
    business_domains,
    audit_entries,
    audit_chain_head,
    accounts,
    otp_challenges,
    refresh_tokens,
    partner_clients,
    throttles,
    tracking_counters,
    complaints,
    complaint_agencies,
    complaint_events,
    evidence,
    policy_versions,
    holiday_calendars,
    outbox,
    subscriptions,
    deliveries,
    delivery_attempts,
    complaint_contacts,
    notifications,
    hearings,
    decisions,
    obligations,
    offers,
    referrals,
    feedback,
    idempotency_keys,
);
