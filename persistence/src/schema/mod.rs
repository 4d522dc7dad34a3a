//! Table definitions, written by hand to match `migrations/`, one file per area; the custom
//! types keep them backend-neutral. `tests/tests/api/schema.rs` reads every file here and
//! compares the columns with what the migrations build.

mod audit;
mod authority;
mod books;
mod cases;
mod delivery;
mod identity;
mod intake;
mod registry;

pub use audit::*;
pub use authority::*;
pub use books::*;
pub use cases::*;
pub use delivery::*;
pub use identity::*;
pub use intake::*;
pub use registry::*;

diesel::joinable!(intake_confirmations -> complaints (complaint_id));

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
    complaint_search,
    surges,
    matters,
    matter_cases,
    matter_events,
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
    intake_confirmations,
    inbound_messages,
    legal_holds,
);
