//! The matrix's rows for collective matters and surges.

use ccms_domain::access::{Action, Relation};
use reqwest::Method;
use serde_json::json;

use super::Access::{Needs, Scoped};
use super::{Row, row};

pub(super) fn rows(business_id: &str) -> Vec<Row> {
    let none = Relation::NONE;
    let missing = uuid::Uuid::now_v7();
    let matter = format!("/api/v1/matters/{missing}");
    vec![
        row(
            Method::POST,
            "/api/v1/matters",
            "/api/v1/matters".into(),
            Some(json!({"business_id": business_id, "title": "Matrix matter"})),
            Needs(Action::ManageMatters, none),
        ),
        row(
            Method::GET,
            "/api/v1/matters",
            "/api/v1/matters".into(),
            None,
            Scoped(Action::ViewMatters),
        ),
        row(
            Method::GET,
            "/api/v1/matters/{matter_id}",
            matter.clone(),
            None,
            Scoped(Action::ViewMatters),
        ),
        row(
            Method::POST,
            "/api/v1/matters/{matter_id}/cases",
            format!("{matter}/cases"),
            Some(json!({"all_at_directorate": true})),
            Needs(Action::ManageMatters, none),
        ),
        row(
            Method::POST,
            "/api/v1/matters/{matter_id}/hearings",
            format!("{matter}/hearings"),
            Some(
                json!({"scheduled_at": "2030-01-01T10:00:00+06:00", "mode": "online",
                "meeting_link": "https://meet.example.gov.bd/matter"}),
            ),
            Scoped(Action::RunHearings),
        ),
        row(
            Method::POST,
            "/api/v1/matters/{matter_id}/decision",
            format!("{matter}/decision"),
            Some(json!({"verdict": "dismissed", "refund": "nothing",
                "reasons": "No ground was shown for any case."})),
            Scoped(Action::DecideMatter),
        ),
        row(
            Method::GET,
            "/api/v1/matters/{matter_id}/payouts",
            format!("{matter}/payouts"),
            None,
            Needs(Action::ManageMatters, none),
        ),
        row(
            Method::POST,
            "/api/v1/matters/{matter_id}/payouts/reconciliation",
            format!("{matter}/payouts/reconciliation"),
            Some(json!({})),
            Needs(Action::ManageMatters, none),
        ),
        row(
            Method::GET,
            "/api/v1/reports/triage",
            "/api/v1/reports/triage".into(),
            None,
            Scoped(Action::ViewTriage),
        ),
        row(
            Method::GET,
            "/api/v1/surges",
            "/api/v1/surges".into(),
            None,
            Scoped(Action::ViewMatters),
        ),
    ]
}
