//! OpenAPI links along a case's lifecycle: the case a response names can be read, moved,
//! written on and heard next, so tools that follow links (schemathesis's stateful phase) walk
//! real cases instead of random keys.

use serde_json::json;
use utoipa::openapi::link::Link;
use utoipa::openapi::{OpenApi as Document, RefOr};

/// Operations that take the case `key`, and the name of the link to each.
const NEXT: &[(&str, &str)] = &[
    ("GetComplaint", "get_complaint"),
    ("ActOnComplaint", "act_on_complaint"),
    ("ListComplaintEvents", "list_complaint_events"),
    ("PostComplaintMessage", "post_complaint_message"),
    ("ListHearings", "list_hearings"),
    ("ScheduleHearing", "schedule_hearing"),
    ("DecideComplaint", "decide_complaint"),
    ("ListObligations", "list_obligations"),
    ("ExplainComplaint", "explain_complaint"),
];

/// Responses naming a case by its `id`: (path, method, status).
const NAMING_A_CASE: &[(&str, &str, &str)] = &[
    ("/api/v1/complaints", "post", "201"),
    ("/api/v1/complaints/{key}", "get", "200"),
    ("/api/v1/complaints/{key}/actions", "post", "200"),
];

pub fn add(doc: &mut Document) {
    for (path, method, status) in NAMING_A_CASE {
        let Some(item) = doc.paths.paths.get_mut(*path) else {
            continue;
        };
        let operation = match *method {
            "post" => item.post.as_mut(),
            _ => item.get.as_mut(),
        };
        let Some(RefOr::T(response)) =
            operation.and_then(|o| o.responses.responses.get_mut(*status))
        else {
            continue;
        };
        for (name, operation_id) in NEXT {
            let link = json!({
                "operationId": operation_id,
                "parameters": { "key": "$response.body#/id" },
            });
            if let Ok(link) = serde_json::from_value::<Link>(link) {
                response.links.insert((*name).to_owned(), RefOr::T(link));
            }
        }
    }
}
