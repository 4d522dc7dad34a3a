//! A decision appealed to the court within its 60 days and not a second later, and a decided
//! case whose ordered compensation goes overdue reopened for enforcement.

use ccms_api::clock::Clock;
use ccms_tests::TestApp;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::super::complaints::{Parties, act, actions, parties};
use super::{escalated_case, get, ok, post, resigned};
use crate::deadlines::sweep;

/// An escalated case, assigned by rule and upheld with Tk 5,000 compensation.
async fn decided(app: &TestApp, p: &Parties) -> (String, Value) {
    let id = escalated_case(app, p, "non_delivery").await;
    ok(
        act(app, &p.coordinator, &id, json!({"action": "assign"})).await,
        200,
    );
    let verdict = json!({"verdict": "upheld", "compensation_poisha": 500_000,
        "reasons": "Goods paid for were never delivered."});
    let decision = format!("/api/v1/complaints/{id}/decision");
    let record = ok(post(app, &p.officer, &decision, verdict).await, 201);
    (id, record)
}

fn appeal(on: &str) -> Value {
    json!({"court": "Court of the Sessions Judge, Dhaka", "reference": "Cr. Appeal 114/2026",
        "filed_on": on})
}

#[actix_web::test]
async fn an_appeal_is_recorded_on_the_sixtieth_day_and_refused_on_the_sixty_first() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01789000001").await;
    let (id, record) = decided(&app, &p).await;
    let path = format!("/api/v1/complaints/{id}/appeals");
    let until: DateTime<Utc> = record["appeal_until"].as_str().unwrap().parse().unwrap();
    let decided_at: DateTime<Utc> = record["decided_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(until - decided_at, Duration::days(60));

    // Day 60: the last instant of the window still takes the consumer's appeal.
    let now = app.clock.now();
    app.clock.advance(until - now);
    let p = resigned(&app, p, "01789000001").await;
    let today = (until + Duration::hours(6)).date_naive().to_string();
    let tomorrow = (until + Duration::hours(30)).date_naive().to_string();
    let future = post(&app, &p.consumer, &path, appeal(&tomorrow)).await;
    let problem = future.problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["code"], "in_the_future");
    let recorded = ok(post(&app, &p.consumer, &path, appeal(&today)).await, 201);
    assert_eq!(recorded["party"], "consumer");
    post(&app, &p.consumer, &path, appeal(&today))
        .await
        .problem(409, "already_registered");

    // Day 61: the business is too late.
    app.clock.advance(Duration::seconds(1));
    post(&app, &p.agent, &path, appeal(&today))
        .await
        .problem(409, "window_closed");

    let listed = ok(get(&app, &p.agent, &path).await, 200);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    let packet = ok(
        get(&app, &p.officer, &format!("/api/v1/complaints/{id}/packet")).await,
        200,
    );
    assert_eq!(packet["appeals"][0]["reference"], "Cr. Appeal 114/2026");
    let events = ok(
        get(
            &app,
            &p.consumer,
            &format!("/api/v1/complaints/{id}/events"),
        )
        .await,
        200,
    );
    assert!(
        events["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "appeal"
                && e["detail"]["court"] == "Court of the Sessions Judge, Dhaka")
    );
}

#[actix_web::test]
async fn only_a_party_appeals_and_only_a_decided_case() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01789000002").await;
    let undecided = escalated_case(&app, &p, "non_delivery").await;
    let path = |id: &str| format!("/api/v1/complaints/{id}/appeals");
    post(&app, &p.consumer, &path(&undecided), appeal("2026-11-01"))
        .await
        .problem(409, "case_not_decided");
    let (id, _) = decided(&app, &p).await;
    post(&app, &p.officer, &path(&id), appeal("2026-11-01"))
        .await
        .problem(403, "forbidden");
    let stranger = parties(&app, "01789000003").await;
    post(&app, &stranger.consumer, &path(&id), appeal("2026-11-01"))
        .await
        .problem(404, "not_found");
    post(&app, &p.agent, &path(&id), appeal("2026-10-01"))
        .await
        .problem(422, "validation_failed");
    ok(
        post(&app, &p.agent, &path(&id), appeal("2026-11-01")).await,
        201,
    );
}

#[actix_web::test]
async fn ordered_compensation_that_goes_overdue_lets_the_consumer_reopen_for_enforcement() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01789000004").await;
    let (id, _) = decided(&app, &p).await;
    let ledger = ok(
        get(
            &app,
            &p.consumer,
            &format!("/api/v1/complaints/{id}/obligations"),
        )
        .await,
        200,
    );
    let due: DateTime<Utc> = ledger[0]["due_at"].as_str().unwrap().parse().unwrap();
    let now = app.clock.now();
    app.clock.advance(due - now);
    assert_eq!(sweep(&app).obligations_overdue, 1);
    let p = resigned(&app, p, "01789000004").await;
    let case = ok(
        get(&app, &p.consumer, &format!("/api/v1/complaints/{id}")).await,
        200,
    );
    assert_eq!(actions(&case), vec!["reopen"]);
    let reopened = ok(
        act(&app, &p.consumer, &id, json!({"action": "reopen"})).await,
        200,
    );
    assert_eq!(
        (reopened["state"].as_str(), &reopened["outcome"]),
        (Some("escalated"), &Value::Null)
    );
}
