//! Optimistic concurrency: every versioned record answers with an `ETag` of its version, and
//! writes may send it back in `If-Match`. A condition that does not hold answers 412 (RFC 9110
//! §13.1.1): a stale ETag, a weak one, or anything that is not an ETag at all.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header::IF_MATCH;
use actix_web::{FromRequest, HttpRequest};

use crate::problem::ApiError;

/// The `If-Match` header as the contract documents it; [`IfMatch`] is what handlers receive.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IfMatchHeader {
    /// The ETag of the version you read (`"3"`); `*` or no header writes over any version.
    #[param(rename = "If-Match", required = false, value_type = String)]
    pub if_match: Option<String>,
}

/// The writer's precondition, if it sent `If-Match`.
#[derive(Debug, Clone, Default)]
pub struct IfMatch(Option<String>);

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

impl IfMatch {
    /// Whether a record at `version` meets the precondition (strong comparison).
    pub fn admits(&self, version: i64) -> bool {
        self.precondition().admits(version)
    }

    /// The precondition as the use cases take it: any version, or those the tags name exactly
    /// (strong comparison: `"03"` or `W/"3"` names no version).
    pub fn precondition(&self) -> ccms_usecases::acting::Precondition {
        use ccms_usecases::acting::Precondition;
        let Some(header) = &self.0 else {
            return Precondition::Any;
        };
        let tags: Vec<&str> = header.split(',').map(str::trim).collect();
        if tags.contains(&"*") {
            return Precondition::Any;
        }
        Precondition::OneOf(
            tags.iter()
                .filter_map(|tag| {
                    let version = tag.strip_prefix('"')?.strip_suffix('"')?.parse().ok()?;
                    (etag(version) == *tag).then_some(version)
                })
                .collect(),
        )
    }

    /// 412 unless the record at `version` meets the precondition.
    pub fn check(&self, version: i64) -> Result<(), ApiError> {
        if self.admits(version) {
            Ok(())
        } else {
            Err(ApiError::StaleVersion { current: version })
        }
    }

    /// Which version a draft of the next version of a published document (the policy, the
    /// calendar) was edited from: this `If-Match` and the draft's own `version`, if it states one.
    pub fn edited_from(&self, stated: Option<u32>) -> ccms_usecases::publishing::EditedFrom {
        ccms_usecases::publishing::EditedFrom {
            precondition: self.precondition(),
            stated,
        }
    }
}

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<IfMatch, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let header = req
            .headers()
            .get(IF_MATCH)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        ready(Ok(IfMatch(header)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn if_match(value: &str) -> IfMatch {
        IfMatch(Some(value.to_owned()))
    }

    #[test]
    fn only_the_current_strong_etag_or_a_star_admits_a_write() {
        assert!(IfMatch::default().admits(3));
        assert!(if_match("\"3\"").admits(3));
        assert!(if_match("\"2\", \"3\"").admits(3));
        assert!(if_match("*").admits(3));
        assert!(!if_match("\"2\"").admits(3));
        assert!(!if_match("W/\"3\"").admits(3));
        assert!(!if_match("3").admits(3));
        assert!(!if_match("null").admits(3));
    }
}

#[cfg(test)]
mod precondition_tests {
    use ccms_usecases::acting::Precondition;

    use super::IfMatch;

    #[test]
    fn an_if_match_header_becomes_the_versions_a_move_may_apply_to() {
        let of = |header: Option<&str>| IfMatch(header.map(str::to_owned)).precondition();
        assert_eq!(of(None), Precondition::Any);
        assert_eq!(of(Some("*")), Precondition::Any);
        assert_eq!(of(Some("\"3\", \"4\"")), Precondition::OneOf(vec![3, 4]));
        // Strong comparison, as `admits`: a weak or malformed tag matches no version.
        assert_eq!(of(Some("W/\"3\"")), Precondition::OneOf(vec![]));
        assert_eq!(of(Some("\"03\"")), Precondition::OneOf(vec![]));
        // `admits` is the same comparison: it asks the precondition.
        let admits =
            |header: Option<&str>, version| IfMatch(header.map(str::to_owned)).admits(version);
        assert!(admits(None, 7) && admits(Some("*"), 7));
        assert!(admits(Some("\"3\", \"4\""), 4) && !admits(Some("\"3\", \"4\""), 5));
        assert!(!admits(Some("W/\"3\""), 3) && !admits(Some("\"03\""), 3));
    }
}
