//! A sandbox where time moves: an admin moves the clock 73 hours forward, and the business's
//! 72-hour deadline fires on the worker's next sweep. Production refuses to be a sandbox.

use ccms_api::settings::{Environment, SettingsError};
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::complaint;
use serde_json::json;

use super::complaints::{file, parties};

#[actix_web::test]
async fn an_admin_moves_the_sandbox_clock_and_the_missed_deadline_escalates() {
    let app = TestApp::spawn_with(|s| s.sandbox_clock = true).await;
    let p = parties(&app, "01786000001").await;
    let filed = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25")).await;
    let id = filed.json()["id"].as_str().unwrap().to_owned();
    let before = app
        .get_as(Role::Admin, "/api/v1/sandbox/clock")
        .await
        .json();
    app.post_as(
        Role::Coordinator,
        "/api/v1/sandbox/clock",
        &json!({"minutes": 60}),
    )
    .await
    .problem(403, "forbidden");
    app.post_as(Role::Admin, "/api/v1/sandbox/clock", &json!({"minutes": 0}))
        .await
        .problem(422, "validation_failed");

    let moved = app
        .post_as(
            Role::Admin,
            "/api/v1/sandbox/clock",
            &json!({"minutes": 73 * 60}),
        )
        .await;

    assert_eq!(moved.status, 200, "{}", moved.text);
    let (from, to) = (
        chrono::DateTime::parse_from_rfc3339(before["now"].as_str().unwrap()).unwrap(),
        chrono::DateTime::parse_from_rfc3339(moved.json()["now"].as_str().unwrap()).unwrap(),
    );
    assert_eq!(to - from, chrono::Duration::hours(73));
    super::deadlines::sweep(&app);
    let case = app
        .get_as(Role::Coordinator, &format!("/api/v1/complaints/{id}"))
        .await
        .json();
    assert_eq!(case["state"], "escalated");
}

#[actix_web::test]
async fn elsewhere_the_sandbox_answers_404_and_production_refuses_to_be_one() {
    let app = TestApp::spawn().await;
    app.post_as(
        Role::Admin,
        "/api/v1/sandbox/clock",
        &json!({"minutes": 60}),
    )
    .await
    .problem(404, "not_found");
    let settings = ccms_api::Settings {
        environment: Environment::Production,
        sandbox_clock: true,
        ..ccms_api::Settings::for_database("unused.db")
    };
    assert!(matches!(
        settings.sandbox(),
        Err(SettingsError::SandboxInProduction)
    ));
}
