//! A caller's rate budget as headers (IETF draft "RateLimit header fields for HTTP"):
//! `RateLimit-Policy: "partner_api_per_client";q=600;w=60` says the limit and its window,
//! `RateLimit: "partner_api_per_client";r=598;t=42` what is left and when the window resets,
//! so a partner slows down before it meets a 429.

use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use ccms_domain::identity::Budget;

pub const RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");
pub const RATELIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

pub fn set(headers: &mut HeaderMap, budget: &Budget) {
    let policy = format!(
        "\"{}\";q={};w={}",
        budget.bucket, budget.limit, budget.window_secs
    );
    let left = format!(
        "\"{}\";r={};t={}",
        budget.bucket, budget.remaining, budget.reset_secs
    );
    for (name, value) in [(RATELIMIT_POLICY, policy), (RATELIMIT, left)] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
}
