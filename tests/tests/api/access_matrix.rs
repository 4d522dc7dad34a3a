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
    /// Any signed-in caller; what they get is scoped to them.
    AnyCaller,
    Needs(Action, Relation),
    /// On a case the matrix callers have no relation to: those who may not see it get 404,
    /// those who see it but may not do this get 403.
    Case(Action),
    /// Like `Case`, on an item of the case that does not exist: those allowed get 404 for it.
    CaseItem(Action),
    /// Holders of the action for some objects are let in (and see their scope); others get 403.
    Scoped(Action),
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

use Access::{AnyCaller, Case, CaseItem, Needs, Public, Scoped};

fn rows(
    business_id: &str,
    partner_id: &str,
    staff_id: &str,
    case: &str,
    evidence: &str,
) -> Vec<Row> {
    let none = Relation::NONE;
    let missing = uuid::Uuid::now_v7();
    let agent = json!({"email": "matrix-agent@shop.test", "display_name": "Agent", "password": "correct horse battery staple"});
    let staff = json!({"role": "auditor", "email": "matrix@ccms.test", "display_name": "M", "password": "correct horse battery staple"});
    vec![
        row(Method::GET, "/healthz", "/healthz".into(), None, Public),
        row(Method::GET, "/readyz", "/readyz".into(), None, Public),
        row(Method::GET, "/metrics", "/metrics".into(), None, Public),
        row(
            Method::GET,
            "/.well-known/jwks.json",
            "/.well-known/jwks.json".into(),
            None,
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/auth/otp",
            "/api/v1/auth/otp".into(),
            Some(json!({"phone": "01711111111"})),
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/auth/otp/verify",
            "/api/v1/auth/otp/verify".into(),
            Some(json!({"phone": "01711111111", "code": "000000"})),
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/auth/login",
            "/api/v1/auth/login".into(),
            Some(json!({"email": "x@ccms.test", "password": "wrong"})),
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/auth/refresh",
            "/api/v1/auth/refresh".into(),
            Some(json!({"refresh_token": "unknown"})),
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/auth/logout",
            "/api/v1/auth/logout".into(),
            Some(json!({"refresh_token": "unknown"})),
            Public,
        ),
        row(
            Method::GET,
            "/api/v1/auth/me",
            "/api/v1/auth/me".into(),
            None,
            Needs(Action::ViewAccount, Relation::own()),
        ),
        row(
            Method::GET,
            "/api/v1/agencies",
            "/api/v1/agencies".into(),
            None,
            Public,
        ),
        row(
            Method::GET,
            "/api/v1/agencies/{code}",
            "/api/v1/agencies/MATRIX".into(),
            None,
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/agencies",
            "/api/v1/agencies".into(),
            Some(agency("MTRX2")),
            Needs(Action::ManageRegistry, none),
        ),
        row(
            Method::PATCH,
            "/api/v1/agencies/{code}",
            "/api/v1/agencies/MATRIX".into(),
            Some(json!({"active": true})),
            Needs(Action::ManageRegistry, none),
        ),
        row(
            Method::GET,
            "/api/v1/businesses",
            "/api/v1/businesses".into(),
            None,
            Public,
        ),
        row(
            Method::GET,
            "/api/v1/businesses/{id}",
            format!("/api/v1/businesses/{business_id}"),
            None,
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/businesses",
            "/api/v1/businesses".into(),
            Some(business().json()),
            Needs(Action::ManageRegistry, none),
        ),
        row(
            Method::PATCH,
            "/api/v1/businesses/{id}",
            format!("/api/v1/businesses/{business_id}"),
            Some(json!({"address": "Dhaka"})),
            Needs(Action::ManageRegistry, none),
        ),
        row(
            Method::POST,
            "/api/v1/businesses/{id}/agents",
            format!("/api/v1/businesses/{business_id}/agents"),
            Some(agent),
            Needs(Action::AddBusinessAgent, none),
        ),
        row(
            Method::POST,
            "/api/v1/staff",
            "/api/v1/staff".into(),
            Some(staff),
            Needs(Action::ManageStaff, none),
        ),
        row(
            Method::GET,
            "/api/v1/staff",
            "/api/v1/staff".into(),
            None,
            Needs(Action::ViewStaff, none),
        ),
        row(
            Method::PATCH,
            "/api/v1/staff/{id}",
            format!("/api/v1/staff/{staff_id}"),
            Some(json!({"disabled": false})),
            Needs(Action::ManageStaff, none),
        ),
        row(
            Method::POST,
            "/api/v1/partners",
            "/api/v1/partners".into(),
            Some(json!({"name": "P", "business_id": business_id})),
            Needs(Action::ManagePartners, none),
        ),
        row(
            Method::GET,
            "/api/v1/partners",
            "/api/v1/partners".into(),
            None,
            Needs(Action::ViewPartners, none),
        ),
        row(
            Method::POST,
            "/api/v1/partners/{id}/secret",
            format!("/api/v1/partners/{partner_id}/secret"),
            None,
            Needs(Action::ManagePartners, none),
        ),
        row(
            Method::POST,
            "/api/v1/partners/{id}/revoke",
            format!("/api/v1/partners/{partner_id}/revoke"),
            None,
            Needs(Action::ManagePartners, none),
        ),
        row(
            Method::GET,
            "/api/v1/categories",
            "/api/v1/categories".into(),
            None,
            Public,
        ),
        row(
            Method::GET,
            "/api/v1/complaints",
            "/api/v1/complaints".into(),
            None,
            AnyCaller,
        ),
        row(
            Method::POST,
            "/api/v1/complaints",
            "/api/v1/complaints".into(),
            Some(complaint(business_id, "2026-10-25")),
            Needs(Action::FileComplaint, none),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}",
            format!("/api/v1/complaints/{case}"),
            None,
            Case(Action::ViewCase),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/events",
            format!("/api/v1/complaints/{case}/events"),
            None,
            Case(Action::ViewCase),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/actions",
            format!("/api/v1/complaints/{case}/actions"),
            Some(json!({"action": "escalate"})),
            Case(Action::ViewCase),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/messages",
            format!("/api/v1/complaints/{case}/messages"),
            Some(json!({"text": "Any news?"})),
            Case(Action::MessageCase),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/evidence",
            format!("/api/v1/complaints/{case}/evidence"),
            None,
            Case(Action::ViewCase),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/evidence/{evidence_id}",
            format!("/api/v1/complaints/{case}/evidence/{evidence}"),
            None,
            Case(Action::ViewCase),
        ),
        row(
            Method::GET,
            "/api/v1/policy",
            "/api/v1/policy".into(),
            None,
            Public,
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/hearings",
            format!("/api/v1/complaints/{case}/hearings"),
            Some(
                json!({"scheduled_at": "2026-12-20T04:00:00Z", "mode": "in_person", "venue": "DNCRP"}),
            ),
            Case(Action::RunHearings),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/hearings",
            format!("/api/v1/complaints/{case}/hearings"),
            None,
            Case(Action::ViewCase),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/reschedule",
            format!("/api/v1/complaints/{case}/hearings/{missing}/reschedule"),
            Some(
                json!({"scheduled_at": "2026-12-20T04:00:00Z", "mode": "in_person", "venue": "DNCRP", "reason": "r"}),
            ),
            CaseItem(Action::RunHearings),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/cancel",
            format!("/api/v1/complaints/{case}/hearings/{missing}/cancel"),
            Some(json!({"reason": "r"})),
            CaseItem(Action::RunHearings),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/record",
            format!("/api/v1/complaints/{case}/hearings/{missing}/record"),
            Some(json!({"attendance": [], "minutes": "m"})),
            CaseItem(Action::RunHearings),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/decision",
            format!("/api/v1/complaints/{case}/decision"),
            Some(json!({"verdict": "dismissed", "reasons": "No breach was shown."})),
            Case(Action::DecideCase),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/decision",
            format!("/api/v1/complaints/{case}/decision"),
            None,
            CaseItem(Action::ViewCase),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/obligations",
            format!("/api/v1/complaints/{case}/obligations"),
            None,
            Case(Action::ViewCase),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/obligations/{obligation_id}/steps",
            format!("/api/v1/complaints/{case}/obligations/{missing}/steps"),
            Some(json!({"step": "confirm"})),
            CaseItem(Action::SettleObligation),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/referrals",
            format!("/api/v1/complaints/{case}/referrals"),
            Some(json!({"agency_code": "MATRIX"})),
            Case(Action::ReferCase),
        ),
        row(
            Method::GET,
            "/api/v1/referrals",
            "/api/v1/referrals".into(),
            None,
            Scoped(Action::ViewReferrals),
        ),
        row(
            Method::GET,
            "/api/v1/referrals/{referral_id}",
            format!("/api/v1/referrals/{missing}"),
            None,
            Scoped(Action::ViewReferrals),
        ),
        row(
            Method::POST,
            "/api/v1/referrals/{referral_id}/steps",
            format!("/api/v1/referrals/{missing}/steps"),
            Some(json!({"step": "accept"})),
            Scoped(Action::ActOnReferral),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/packet",
            format!("/api/v1/complaints/{case}/packet"),
            None,
            Case(Action::ReadPacket),
        ),
        row(
            Method::POST,
            "/api/v1/complaints/{key}/feedback",
            format!("/api/v1/complaints/{case}/feedback"),
            Some(json!({"rating": 5})),
            Case(Action::GiveFeedback),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/feedback",
            format!("/api/v1/complaints/{case}/feedback"),
            None,
            CaseItem(Action::ViewCase),
        ),
        row(
            Method::GET,
            "/api/v1/policy/versions/{version}",
            "/api/v1/policy/versions/1".into(),
            None,
            Public,
        ),
        row(
            Method::PUT,
            "/api/v1/policy",
            "/api/v1/policy".into(),
            Some(
                serde_json::from_str(ccms_domain::complaint::routing::DEFAULT_POLICY_JSON).unwrap(),
            ),
            Needs(Action::ManagePolicy, none),
        ),
        row(
            Method::POST,
            "/api/v1/policy/simulate",
            "/api/v1/policy/simulate".into(),
            Some(json!({"category": "payment_problem", "incident_date": "2026-10-30"})),
            Needs(Action::ManagePolicy, none),
        ),
        row(
            Method::POST,
            "/api/v1/subscriptions",
            "/api/v1/subscriptions".into(),
            Some(json!({"url": "https://127.0.0.1/hook", "event_types": ["complaint.created"]})),
            Scoped(Action::ManageSubscriptions),
        ),
        row(
            Method::GET,
            "/api/v1/subscriptions",
            "/api/v1/subscriptions".into(),
            None,
            Scoped(Action::ViewSubscriptions),
        ),
        row(
            Method::GET,
            "/api/v1/subscriptions/{subscription_id}",
            format!("/api/v1/subscriptions/{missing}"),
            None,
            Scoped(Action::ViewSubscriptions),
        ),
        row(
            Method::DELETE,
            "/api/v1/subscriptions/{subscription_id}",
            format!("/api/v1/subscriptions/{missing}"),
            None,
            Scoped(Action::ManageSubscriptions),
        ),
        row(
            Method::POST,
            "/api/v1/subscriptions/{subscription_id}/enable",
            format!("/api/v1/subscriptions/{missing}/enable"),
            None,
            Scoped(Action::ManageSubscriptions),
        ),
        row(
            Method::GET,
            "/api/v1/subscriptions/{subscription_id}/deliveries",
            format!("/api/v1/subscriptions/{missing}/deliveries"),
            None,
            Scoped(Action::ViewSubscriptions),
        ),
        row(
            Method::POST,
            "/api/v1/subscriptions/{subscription_id}/deliveries/{delivery_id}/replay",
            format!("/api/v1/subscriptions/{missing}/deliveries/{missing}/replay"),
            None,
            Scoped(Action::ManageSubscriptions),
        ),
        row(
            Method::GET,
            "/api/v1/public/complaints",
            "/api/v1/public/complaints".into(),
            None,
            Public,
        ),
        row(
            Method::GET,
            "/api/v1/public/scorecards",
            "/api/v1/public/scorecards".into(),
            None,
            Public,
        ),
        row(
            Method::GET,
            "/api/v1/public/scorecards/{business_id}",
            format!("/api/v1/public/scorecards/{business_id}"),
            None,
            Public,
        ),
        row(
            Method::GET,
            "/api/v1/statistics",
            "/api/v1/statistics".into(),
            None,
            Needs(Action::ViewStatistics, none),
        ),
        row(
            Method::GET,
            "/api/v1/audit",
            "/api/v1/audit".into(),
            None,
            Needs(Action::ReadAudit, none),
        ),
        row(
            Method::GET,
            "/api/v1/audit/head",
            "/api/v1/audit/head".into(),
            None,
            Needs(Action::ReadAudit, none),
        ),
        row(
            Method::GET,
            "/api/v1/audit/verify",
            "/api/v1/audit/verify".into(),
            None,
            Needs(Action::ReadAudit, none),
        ),
        row(
            Method::GET,
            "/api/v1/complaints/{key}/explain",
            format!("/api/v1/complaints/{case}/explain"),
            None,
            Case(Action::ViewCase),
        ),
    ]
}

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
        for caller in std::iter::once(None).chain(Role::ALL.into_iter().map(Some)) {
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
                (_, None) => refused && status == 401,
                (AnyCaller, Some(_)) => !refused,
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
