//! The matrix's rows for what follows a case's closing: the consumer's verdict, the business's
//! public response and its moderation, review, appeal and merging duplicates.

use ccms_domain::access::{Action, Relation};
use reqwest::Method;
use serde_json::json;

use super::Access::{Case, CaseItem, Needs};
use super::{Row, row};

pub(super) fn rows(case: &str) -> Vec<Row> {
    let none = Relation::NONE;
    vec![
        row(
            Method::POST,
            "/api/v1/complaints/{key}/feedback",
            format!("/api/v1/complaints/{case}/feedback"),
            Some(json!({"resolved": true, "rating": 5})),
            Case(Action::GiveFeedback),
        ),
        row(
            Method::PUT,
            "/api/v1/complaints/{key}/response",
            format!("/api/v1/complaints/{case}/response"),
            Some(json!({"text": "We refunded in full."})),
            Case(Action::RespondPublicly),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/response",
            format!("/api/v1/complaints/{case}/response"),
            None,
            CaseItem(Action::ViewCase),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/response/moderation",
            format!("/api/v1/complaints/{case}/response/moderation"),
            Some(json!({"decision": "publish"})),
            CaseItem(Action::ModerateResponses),
        ),
        row(
            Method::GET,
            "/api/v1/responses/pending",
            "/api/v1/responses/pending".into(),
            None,
            Needs(Action::ModerateResponses, none),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/review",
            format!("/api/v1/complaints/{case}/review"),
            Some(json!({"reason": "Never heard."})),
            Case(Action::AskReview),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/review",
            format!("/api/v1/complaints/{case}/review"),
            None,
            CaseItem(Action::ViewCase),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/review/decision",
            format!("/api/v1/complaints/{case}/review/decision"),
            Some(json!({"result": "upheld", "reasons": "Stands."})),
            CaseItem(Action::DecideReview),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/merge",
            format!("/api/v1/complaints/{case}/merge"),
            Some(json!({"into": "CCMS-2026-999999"})),
            Case(Action::MergeCases),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/appeals",
            format!("/api/v1/complaints/{case}/appeals"),
            Some(
                json!({"court": "Sessions Judge, Dhaka", "reference": "A-1", "filed_on": "2026-11-01"}),
            ),
            Case(Action::RecordAppeal),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/appeals",
            format!("/api/v1/complaints/{case}/appeals"),
            None,
            Case(Action::ViewCase),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/feedback",
            format!("/api/v1/complaints/{case}/feedback"),
            None,
            CaseItem(Action::ViewCase),
        ),
    ]
}
