//! The matrix's rows for assisted intake and inbound SMS, and a consumer's rights over their
//! data.

use ccms_domain::access::{Action, Relation};
use reqwest::Method;
use serde_json::json;

use super::Access::{Case, CaseItem, Needs, SignedByGateway};
use super::{Row, row};

pub(super) fn rows(case: &str) -> Vec<Row> {
    vec![
        row(
            Method::POST,
            "/api/v1/intake/status",
            "/api/v1/intake/status".into(),
            Some(json!({"tracking_number": "CCMS-2026-999999", "phone": "01700000000"})),
            Needs(Action::ReadOutStatus, Relation::NONE),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/confirmation",
            format!("/api/v1/complaints/{case}/confirmation"),
            Some(json!({"code": "123456"})),
            Case(Action::ConfirmIntake),
        ),
        // Signed by the SMS gateway, never by a bearer token: 401 to every caller without
        // the signature.
        row(
            Method::GET,
            "/api/v1/me/data",
            "/api/v1/me/data".into(),
            None,
            Needs(Action::ExportOwnData, Relation::own()),
        ),
        row(
            Method::PATCH,
            "/api/v1/me/contact",
            "/api/v1/me/contact".into(),
            Some(json!({"language": "bn"})),
            Needs(Action::CorrectContact, Relation::own()),
        ),
        row(
            Method::PUT,
            "/api/v1/complaints/{key}/consent",
            format!("/api/v1/complaints/{case}/consent"),
            Some(json!({"consent_to_publish": false})),
            Case(Action::ChangeConsent),
        ),
        row(
            Method::POST,
            "/api/v1/inbound/sms",
            "/api/v1/inbound/sms".into(),
            Some(json!({"message_id": "m-1", "from": "01700000000", "text": "STOP"})),
            SignedByGateway,
        ),
        row(
            Method::PUT,
            "/api/v1/complaints/{key}/legal-hold",
            format!("/api/v1/complaints/{case}/legal-hold"),
            Some(json!({"reason": "Dhaka Sessions Court, Misc. Case 412/2026"})),
            Case(Action::HoldCase),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/legal-hold",
            format!("/api/v1/complaints/{case}/legal-hold"),
            None,
            CaseItem(Action::HoldCase),
        ),
        row(
            Method::DELETE,
            "/api/v1/complaints/{key}/legal-hold",
            format!("/api/v1/complaints/{case}/legal-hold"),
            None,
            CaseItem(Action::HoldCase),
        ),
        // Last: the consumer's own account goes with it.
        row(
            Method::POST,
            "/api/v1/me/erasure",
            "/api/v1/me/erasure".into(),
            None,
            Needs(Action::EraseOwnData, Relation::own()),
        ),
    ]
}
