//! The DNCRP stage end to end: assignment, hearings, a decision, the ledger down to the
//! complainant's share, referrals by a regulator, the referral packet, and feedback.

mod appeals;
mod assignment;
mod hearings;
mod ledger;
mod packet;
mod referrals;
mod reviews;

use ccms_api::auth::Claims;
use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use super::complaints::{Parties, act, file};

pub(super) async fn send(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Answer {
    let mut request = app.request(method, path);
    if let Some(body) = body {
        request = request.json(&body);
    }
    app.send_with(token, request).await
}

pub(super) async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Answer {
    send(app, token, Method::POST, path, Some(body)).await
}

pub(super) async fn get(app: &TestApp, token: &str, path: &str) -> Answer {
    send(app, token, Method::GET, path, None).await
}

pub(super) fn ok(answer: Answer, status: u16) -> Value {
    assert_eq!(answer.status, status, "{}", answer.text);
    answer.json()
}

/// A case the consumer rejected the business's answer to: escalated to DNCRP.
pub(super) async fn escalated_case(app: &TestApp, p: &Parties, category: &str) -> String {
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["category"] = json!(category);
    let id = ok(file(app, &p.consumer, &body).await, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        act(app, &p.agent, &id, app.proposal("A voucher")).await,
        200,
    );
    let rejected = ok(
        act(app, &p.consumer, &id, json!({"action": "reject"})).await,
        200,
    );
    assert_eq!(rejected["state"], "escalated");
    id
}

/// The same parties with tokens signed at the app's current time (after the clock moved on).
pub(super) async fn resigned(app: &TestApp, p: Parties, phone: &str) -> Parties {
    let now = app.clock.now();
    let claims = |sub: &str, role: Role| Claims::new(sub, role, now, Duration::hours(12));
    Parties {
        consumer: app.consumer_token(phone).await,
        agent: app.sign(&Claims {
            business_id: Some(p.business_id.parse().unwrap()),
            ..claims("agent-1", Role::BusinessAgent)
        }),
        officer: app.sign(&Claims {
            agency: Some("DNCRP".into()),
            ..claims(&p.officer_id, Role::Officer)
        }),
        coordinator: app.sign(&claims("coordinator-1", Role::Coordinator)),
        ..p
    }
}

pub(super) fn at(app: &TestApp, hours: i64) -> String {
    (app.clock.now() + Duration::hours(hours)).to_rfc3339()
}

pub(super) fn regulator(app: &TestApp, agency: &str) -> String {
    app.sign(&Claims {
        agency: Some(agency.into()),
        ..Claims::new(
            format!("regulator-{agency}"),
            Role::Regulator,
            app.clock.now(),
            Duration::hours(12),
        )
    })
}
