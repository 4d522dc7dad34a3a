//! HTTP plumbing shared by every endpoint: request ids, metrics, the JSON body extractor,
//! conditional requests and the fallback for unknown routes.

mod body;
mod client_address;
mod conditional;
mod cors;
mod disclosed;
mod fallback;
mod head;
mod idempotency;
mod in_flight;
mod kept_answer;
mod metrics;
mod not_modified;
mod request_id;
mod security_headers;
mod text;
pub mod work_metrics;

pub use body::{BODY_LIMIT_BYTES, JsonBody, parameter_errors};
pub use client_address::{TrustedProxies, client_address, find_client_address};
pub use conditional::{IfMatch, IfMatchHeader, etag};
pub use cors::{CorsOrigins, EXPOSED_HEADERS};
pub use disclosed::disclosed;
pub use fallback::{RouteTable, reject_unknown_query, unmatched_route};
pub use head::head_as_get;
pub use idempotency::{
    ANSWERS_WITH_SECRETS, Claimed, Deferred, IDEMPOTENCY_KEY_PATTERN, claim_of, deferred_claim_of,
    idempotent_partner_posts, keep_idempotent_answers,
};
pub use in_flight::{InFlight, bound_in_flight};
pub use kept_answer::KeptAnswer;
pub use metrics::{Metrics, record_metrics};
pub use not_modified::not_modified;
pub use request_id::{RequestId, TurnedAway, assign_request_id};
pub use security_headers::security_headers;
pub use text::text;
