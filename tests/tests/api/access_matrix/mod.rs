//! Every endpoint, called by every role and by nobody: the answer follows the policy table.
//! A new endpoint fails `every_documented_endpoint_is_in_the_matrix` until it gets a row here.

use std::collections::BTreeSet;

use ccms_domain::access::{Action, Relation, Role, permits};
use ccms_tests::fixtures::{agency, business, complaint};
use ccms_tests::{Answer, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

/// Who may call an endpoint: anyone, or holders of an action on an object they stand to
/// as `Relation` (the matrix callers own nothing, so scoped grants do not reach them).
#[derive(Clone, Copy)]
enum Access {
    Public,
    Needs(Action, Relation),
    /// On a case the matrix callers have no relation to: those who may not see it get 404,
    /// those who see it but may not do this get 403.
    Case(Action),
    /// Like `Case`, on an item of the case that does not exist: those allowed get 404 for it.
    CaseItem(Action),
    /// Holders of the action for some objects are let in (and see their scope); others get 403.
    Scoped(Action),
    /// Signed by the SMS gateway: no bearer token of any role lets a caller in (401).
    SignedByGateway,
}

struct Row {
    method: Method,
    /// The documented path template.
    template: &'static str,
    /// The path called, with ids filled in.
    path: String,
    body: Option<Value>,
    access: Access,
}

fn row(
    method: Method,
    template: &'static str,
    path: String,
    body: Option<Value>,
    access: Access,
) -> Row {
    Row {
        method,
        template,
        path,
        body,
        access,
    }
}

mod collective_rows;
mod intake_rows;
mod redress_rows;
mod rows;

use Access::{Case, CaseItem, Needs, Public, Scoped, SignedByGateway};
use rows::rows;

/// Endpoints that take forms, not JSON: the token endpoint (public like the other sign-ins) and
/// evidence upload (its access is the messaging permission, tested in `evidence.rs`).
const FORM_ENDPOINTS: &[(&str, &str)] = &[
    ("POST", "/api/v1/auth/token"),
    ("POST", "/api/v1/complaints/{key}/evidence"),
];

async fn call(app: &TestApp, row: &Row, role: Option<Role>) -> Answer {
    let mut request = app.request(row.method.clone(), &row.path);
    if let Some(role) = role {
        request = request.bearer_auth(app.token(role));
    }
    if let Some(body) = &row.body {
        request = request.json(body);
    }
    app.send(request).await
}

async fn fixtures(app: &TestApp) -> (String, String, String, String, String) {
    app.post_as(Role::Coordinator, "/api/v1/agencies", &agency("MATRIX"))
        .await;
    let market = app
        .post_as(
            Role::Coordinator,
            "/api/v1/businesses",
            &business().marketplace().json(),
        )
        .await
        .json();
    let business_id = market["id"].as_str().unwrap().to_owned();
    let partner = app
        .post_as(
            Role::Admin,
            "/api/v1/partners",
            &json!({"name": "P", "business_id": business_id}),
        )
        .await
        .json();
    let staff = json!({"role": "auditor", "email": "fixture@ccms.test", "display_name": "F", "password": "correct horse battery staple"});
    let staff_id = app.create_staff(staff).await;
    let consumer = app.consumer_token("01755555555").await;
    let body = complaint(&business_id, "2026-10-25");
    let filed = app
        .send_with(
            &consumer,
            app.request(Method::POST, "/api/v1/complaints").json(&body),
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let case = filed.json()["tracking_number"].as_str().unwrap().to_owned();
    let partner_id = partner["client"]["id"].as_str().unwrap().to_owned();
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(png).file_name("a.png"),
    );
    let path = format!("/api/v1/complaints/{case}/evidence");
    let uploaded = app
        .send_with(&consumer, app.request(Method::POST, &path).multipart(form))
        .await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.text);
    let evidence = uploaded.json()["id"].as_str().unwrap().to_owned();
    (business_id, partner_id, staff_id, case, evidence)
}

#[actix_web::test]
async fn every_endpoint_answers_every_role_as_the_policy_says() {
    let app = TestApp::spawn().await;
    let (business_id, partner_id, staff_id, case, evidence) = fixtures(&app).await;
    let mut wrong = Vec::new();
    for row in rows(&business_id, &partner_id, &staff_id, &case, &evidence) {
        for caller in std::iter::once(None).chain(Role::ALL.iter().copied().map(Some)) {
            let answer = call(&app, &row, caller).await;
            let status = answer.status.as_u16();
            // A refusal by the access rules, as opposed to, say, a wrong password at sign-in.
            let code = if answer.text.starts_with('{') {
                answer.json()["code"].as_str().unwrap_or("").to_owned()
            } else {
                String::new()
            };
            let refused = (status == 401 && code == "unauthenticated")
                || (status == 403 && code == "forbidden");
            let hidden = status == 404 && code == "not_found";
            let fine = match (row.access, caller) {
                (Public, _) => !refused,
                (SignedByGateway, _) => status == 401 && code == "signature_invalid",
                (_, None) => refused && status == 401,
                (Needs(action, relation), Some(role)) if permits(role, action, relation) => {
                    !refused
                }
                (Needs(..), Some(_)) => refused && status == 403,
                (Case(action), Some(role)) if permits(role, action, Relation::NONE) => {
                    !refused && !hidden
                }
                (Case(_), Some(role)) if permits(role, Action::ViewCase, Relation::NONE) => {
                    refused && status == 403
                }
                (Case(_), Some(_)) => hidden,
                (CaseItem(action), Some(role)) if permits(role, action, Relation::NONE) => !refused,
                (CaseItem(_), Some(role)) if permits(role, Action::ViewCase, Relation::NONE) => {
                    refused && status == 403
                }
                (CaseItem(_), Some(_)) => hidden,
                (Scoped(action), Some(role)) if ccms_domain::access::may(role, action) => !refused,
                (Scoped(_), Some(_)) => refused && status == 403,
            };
            if !fine {
                wrong.push(format!(
                    "{} {} as {caller:?}: {status} {code}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "answers that break the policy:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_documented_endpoint_is_in_the_matrix() {
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let mut covered: BTreeSet<(String, String)> = rows("x", "x", "x", "x", "x")
        .into_iter()
        .map(|r| (r.method.to_string(), r.template.to_owned()))
        .collect();
    covered.extend(
        FORM_ENDPOINTS
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned())),
    );
    let missing: Vec<_> = documented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the access matrix: {missing:?}"
    );
}
