//! The deadline worker: what the clocks say is due happens once, whoever runs the sweep.

use ccms_api::clock::Clock;
use ccms_api::worker::sweep;
use ccms_domain::access::Role;
use ccms_domain::calendar::{Calendar, HOLIDAYS_JSON, HolidayFile};
use ccms_tests::fixtures::{business, complaint};
use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

fn calendar() -> Calendar {
    let file: HolidayFile = serde_json::from_str(HOLIDAYS_JSON).unwrap();
    Calendar::from_file(&file)
}

async fn setup(app: &TestApp, phone: &str) -> (String, String) {
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    (
        shop["id"].as_str().unwrap().to_owned(),
        app.consumer_token(phone).await,
    )
}

async fn file(app: &TestApp, consumer: &str, body: &Value) -> Value {
    let filed: Answer = app
        .send_with(
            consumer,
            app.request(Method::POST, "/api/v1/complaints").json(body),
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    filed.json()
}

async fn read(app: &TestApp, id: &str) -> Value {
    app.get_as(Role::Coordinator, &format!("/api/v1/complaints/{id}"))
        .await
        .json()
}

async fn timeline(app: &TestApp, id: &str) -> Vec<Value> {
    let events = app
        .get_as(
            Role::Coordinator,
            &format!("/api/v1/complaints/{id}/events"),
        )
        .await
        .json();
    events["items"].as_array().unwrap().clone()
}

#[actix_web::test]
async fn escalates_when_the_business_misses_72_hours_and_only_once() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000001").await;
    let id = file(&app, &consumer, &complaint(&business_id, "2026-10-25")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    app.clock.advance(Duration::hours(71));
    assert_eq!(
        sweep(&app.store, app.clock.now(), &calendar())
            .unwrap()
            .total(),
        0
    );
    app.clock.advance(Duration::hours(1));
    assert_eq!(
        sweep(&app.store, app.clock.now(), &calendar())
            .unwrap()
            .escalated,
        1
    );
    assert_eq!(
        sweep(&app.store, app.clock.now(), &calendar())
            .unwrap()
            .total(),
        0
    );

    let case = read(&app, &id).await;
    assert_eq!(case["state"], "escalated");
    let events = timeline(&app, &id).await;
    let breached = events
        .iter()
        .filter(|e| e["detail"]["change"] == "breached")
        .count();
    let escalations = events
        .iter()
        .filter(|e| e["action"] == "escalate" && e["actor"] == "system")
        .count();
    assert_eq!((breached, escalations), (1, 1));
}

#[actix_web::test]
async fn a_silent_consumer_s_case_closes_after_seven_days() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000002").await;
    let id = file(&app, &consumer, &complaint(&business_id, "2026-10-25")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = app.sign(&ccms_api::auth::Claims {
        business_id: Some(business_id.parse().unwrap()),
        ..ccms_api::auth::Claims::new(
            "agent",
            Role::BusinessAgent,
            app.clock.now(),
            Duration::hours(1),
        )
    });
    let proposal = app
        .request(Method::POST, &format!("/api/v1/complaints/{id}/actions"))
        .json(&json!({"action": "propose_resolution"}));
    assert_eq!(app.send_with(&agent, proposal).await.status, 200);
    app.clock.advance(Duration::days(7));
    assert_eq!(
        sweep(&app.store, app.clock.now(), &calendar())
            .unwrap()
            .closed,
        1
    );
    let case = read(&app, &id).await;
    assert_eq!(
        (case["state"].as_str(), case["outcome"].as_str()),
        (Some("closed"), Some("no_consumer_response"))
    );
}

#[actix_web::test]
async fn a_missed_hearing_notice_is_flagged_once_and_the_case_stays_put() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000003").await;
    let mut body = complaint(&business_id, "2026-10-25");
    body["category"] = json!("prohibited_product");
    let id = file(&app, &consumer, &body).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.clock.advance(Duration::days(14));
    assert_eq!(
        sweep(&app.store, app.clock.now(), &calendar())
            .unwrap()
            .flagged,
        1
    );
    assert_eq!(
        sweep(&app.store, app.clock.now(), &calendar())
            .unwrap()
            .total(),
        0
    );
    let case = read(&app, &id).await;
    assert_eq!(case["state"], "escalated");
    assert!(case["clocks"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn three_workers_at_once_escalate_each_due_case_exactly_once() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000004").await;
    let mut ids = Vec::new();
    for _ in 0..30 {
        ids.push(
            file(&app, &consumer, &complaint(&business_id, "2026-10-25")).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    app.clock.advance(Duration::hours(73));
    let (store, now, calendar) = (app.store.clone(), app.clock.now(), calendar());
    let reports: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..3)
            .map(|_| scope.spawn(|| sweep(&store, now, &calendar).unwrap()))
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(
        reports.iter().map(|r| r.escalated).sum::<usize>(),
        30,
        "{reports:?}"
    );
    for id in &ids {
        let escalations = timeline(&app, id)
            .await
            .iter()
            .filter(|e| e["action"] == "escalate")
            .count();
        assert_eq!(escalations, 1, "case {id}");
    }
}
