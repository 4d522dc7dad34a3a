//! Optimistic concurrency: every versioned record answers with an `ETag` of its version, and
//! writes may send it back in `If-Match`; a stale one answers 412.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header::IF_MATCH;
use actix_web::{FromRequest, HttpRequest};

use crate::problem::ApiError;

/// The version a writer last saw, if it sent `If-Match`. `*` or no header means "any".
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i64>);

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<IfMatch, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(IF_MATCH) else {
            return ready(Ok(IfMatch(None)));
        };
        let parsed = value.to_str().ok().map(str::trim).and_then(|text| {
            if text == "*" {
                return Some(None);
            }
            let unquoted = text.strip_prefix("W/").unwrap_or(text);
            let inner = unquoted.strip_prefix('"')?.strip_suffix('"')?;
            inner.parse::<i64>().ok().map(Some)
        });
        ready(match parsed {
            Some(version) => Ok(IfMatch(version)),
            None => Err(ApiError::invalid_parameter("If-Match", "if_match_format")),
        })
    }
}
