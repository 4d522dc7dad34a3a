//! The holiday calendar published through the API: public to read, published by coordinators
//! as whole new versions (audited), and applied to clocks started afterwards without a restart.

use ccms_domain::access::Role;
use ccms_persistence::audit;
use ccms_tests::{Answer, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

use super::policy_versions::{action_deadline, publish_weekend, register_agencies};

async fn publish(app: &TestApp, role: Role, draft: &Value, if_match: Option<&str>) -> Answer {
    let mut request = app.request(Method::PUT, "/api/v1/calendar").json(draft);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    app.send_with(&app.token(role), request).await
}

/// The calendar in force with `holiday` added, as the next version's draft.
async fn with_holiday(app: &TestApp, date: &str) -> Value {
    let current = app.get("/api/v1/calendar").await.json();
    let mut holidays = current["holidays"].as_array().unwrap().clone();
    holidays.push(
        json!({"date": date, "name_en": "Special holiday", "name_bn": "বিশেষ ছুটি",
        "kind": "executive_order"}),
    );
    json!({"version": current["version"], "note": "An executive order, for this test",
        "holidays": holidays})
}

#[actix_web::test]
async fn the_shipped_holidays_are_version_one_and_public() {
    let app = TestApp::spawn().await;
    let answer = app.get("/api/v1/calendar").await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.header("etag"), Some("\"1\""));
    let calendar = answer.json();
    assert_eq!(calendar["version"], 1);
    let holidays = calendar["holidays"].as_array().unwrap();
    assert_eq!(holidays.len(), 56);
    let victory = holidays.iter().find(|h| h["date"] == "2026-12-16").unwrap();
    assert_eq!(victory["name_en"], "Victory Day");
    assert_eq!(victory["kind"], "general");
    assert_eq!(
        app.get("/api/v1/calendar/versions/1").await.json(),
        calendar
    );
    app.get("/api/v1/calendar/versions/2")
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn a_published_holiday_moves_the_deadlines_of_clocks_started_after_it() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    let p = super::complaints::parties(&app, "01733000047").await;
    let weekend = json!({"days": ["friday", "saturday"], "source": "Government of Bangladesh"});
    assert_eq!(publish_weekend(&app, weekend).await.status, 201);
    // Filed Sunday 1 November 2026 with five working days: Thursday 5 is the fourth, Sunday 8
    // the fifth.
    let before = action_deadline(&app, &p, "CAL-1").await;
    assert!(before.starts_with("2026-11-08"), "{before}");

    let draft = with_holiday(&app, "2026-11-03").await;
    let published = publish(&app, Role::Coordinator, &draft, Some("\"1\"")).await;
    assert_eq!(published.status, 201, "{}", published.text);
    assert_eq!(published.header("etag"), Some("\"2\""));
    assert_eq!(
        published.header("location"),
        Some("/api/v1/calendar/versions/2")
    );
    assert_eq!(published.json()["holidays"].as_array().unwrap().len(), 57);
    // The Tuesday is off now: the fifth working day is Monday 9 November.
    let after = action_deadline(&app, &p, "CAL-2").await;
    assert!(after.starts_with("2026-11-09"), "{after}");

    let audited = app
        .store
        .read(|conn| audit::for_target(conn, "calendar", "2"))
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].0, "calendar.publish");
    assert_eq!(app.get("/api/v1/calendar").await.json()["version"], 2);
}

#[actix_web::test]
async fn only_coordinators_publish_a_checked_calendar_over_the_version_in_force() {
    let app = TestApp::spawn().await;
    let draft = with_holiday(&app, "2027-01-03").await;
    for role in [Role::Officer, Role::Admin, Role::Auditor] {
        publish(&app, role, &draft, None)
            .await
            .problem(403, "forbidden");
    }
    let anonymous = app.request(Method::PUT, "/api/v1/calendar").json(&draft);
    assert_eq!(app.send(anonymous).await.status, 401);

    let mut twice = draft.clone();
    let first = twice["holidays"][0].clone();
    twice["holidays"].as_array_mut().unwrap().push(first);
    let problem = publish(&app, Role::Coordinator, &twice, None)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "holidays[57].date");
    assert_eq!(problem["errors"][0]["code"], "duplicate");

    let mut nameless = draft.clone();
    nameless["holidays"][3]["name_bn"] = json!("");
    let problem = publish(&app, Role::Coordinator, &nameless, None)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "holidays[3].name_bn");

    let mut surprise = draft.clone();
    surprise["holidays"][0]["surprise"] = json!(true);
    assert_eq!(
        publish(&app, Role::Coordinator, &surprise, None)
            .await
            .status,
        422
    );

    assert_eq!(
        publish(&app, Role::Coordinator, &draft, None).await.status,
        201
    );
    // Edited from version 1, which is no longer in force.
    publish(&app, Role::Coordinator, &draft, None)
        .await
        .problem(412, "stale_version");
    let mut unversioned = draft.clone();
    unversioned.as_object_mut().unwrap().remove("version");
    publish(&app, Role::Coordinator, &unversioned, Some("\"1\""))
        .await
        .problem(412, "stale_version");
    assert_eq!(app.get("/api/v1/calendar").await.json()["version"], 2);
}
