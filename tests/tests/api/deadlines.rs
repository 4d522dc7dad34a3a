//! The deadline worker: what the clocks say is due happens once, whoever runs the sweep.

use std::sync::Arc;

use ccms_api::calendar::CalendarBook;
use ccms_api::clock::Clock;
use ccms_api::worker::{DeadlineWorker, SweepReport};
use ccms_domain::access::Role;
use ccms_tests::fixtures::{business, complaint};
use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

/// One sweep at the app's current time, by a worker of its own (as another process would be).
pub(super) fn sweep(app: &TestApp) -> SweepReport {
    DeadlineWorker::new(app.store.clone(), Arc::new(CalendarBook::default()))
        .sweep(app.clock.now())
        .unwrap()
}

/// The event types the outbox holds for a case, oldest first.
fn announced(app: &TestApp, id: &str) -> Vec<String> {
    let id = id.parse().unwrap();
    app.store
        .read(|conn| ccms_persistence::outbox::types_for_complaint(conn, id))
        .unwrap()
}

fn agent_of(app: &TestApp, business_id: &str) -> String {
    app.sign(&ccms_api::auth::Claims {
        business_id: Some(business_id.parse().unwrap()),
        ..ccms_api::auth::Claims::new(
            "agent",
            Role::BusinessAgent,
            app.clock.now(),
            Duration::days(60),
        )
    })
}

async fn act(app: &TestApp, token: &str, id: &str, body: Value) -> Value {
    let request = app
        .request(Method::POST, &format!("/api/v1/complaints/{id}/actions"))
        .json(&body);
    let answer = app.send_with(token, request).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()
}

fn deadline_of(case: &Value, clock: &str) -> Option<String> {
    case["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == clock)
        .and_then(|c| c["deadline"].as_str().map(str::to_owned))
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
        sweep(&app),
        SweepReport {
            reminded: 1,
            ..SweepReport::default()
        },
        "the 72-hour clock reminded at 48 hours"
    );
    app.clock.advance(Duration::hours(1));
    assert_eq!(sweep(&app).escalated, 1);
    assert_eq!(sweep(&app).total(), 0);

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
    assert_eq!(
        announced(&app, &id),
        [
            "complaint.created",
            "deadline.approaching",
            "deadline.breached",
            "complaint.status_changed",
            "referral.packet"
        ]
    );
}

#[actix_web::test]
async fn a_silent_consumer_s_case_closes_after_seven_days() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000002").await;
    let id = file(&app, &consumer, &complaint(&business_id, "2026-10-25")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = agent_of(&app, &business_id);
    act(&app, &agent, &id, app.proposal("A refund")).await;
    app.clock.advance(Duration::days(7));
    assert_eq!(sweep(&app).closed, 1);
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
    assert_eq!(sweep(&app).flagged, 1);
    assert_eq!(sweep(&app).total(), 0);
    let case = read(&app, &id).await;
    assert_eq!(case["state"], "escalated");
    assert!(case["clocks"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn three_workers_at_once_escalate_each_due_case_exactly_once() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000004").await;
    app.allow_filings(30);
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
    let now = app.clock.now();
    let workers: Vec<DeadlineWorker> = (0..3)
        .map(|_| DeadlineWorker::new(app.store.clone(), Arc::new(CalendarBook::default())))
        .collect();
    let reports: Vec<_> = std::thread::scope(|scope| {
        let running: Vec<_> = workers
            .iter()
            .map(|worker| scope.spawn(move || worker.sweep(now).unwrap()))
            .collect();
        running.into_iter().map(|w| w.join().unwrap()).collect()
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
        assert_eq!(
            announced(&app, id),
            [
                "complaint.created",
                "deadline.breached",
                "complaint.status_changed",
                "referral.packet"
            ],
            "case {id}: one breach and one escalation announced"
        );
    }
}

#[actix_web::test]
async fn a_request_for_information_pauses_the_clocks_until_the_consumer_answers() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000005").await;
    let id = file(&app, &consumer, &complaint(&business_id, "2026-10-25")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = agent_of(&app, &business_id);
    app.clock.advance(Duration::hours(10));
    let paused = act(&app, &agent, &id, json!({"action": "request_info"})).await;
    assert_eq!(deadline_of(&paused, "business_action"), None);
    app.clock.advance(Duration::hours(100));
    assert_eq!(
        sweep(&app).total(),
        0,
        "paused clocks neither remind nor run out"
    );
    let consumer = app.consumer_token("01766000005").await;
    let resumed = act(&app, &consumer, &id, json!({"action": "provide_info"})).await;
    // 62 of the 72 hours were left when the business asked.
    let expected = app.clock.now() + Duration::hours(62);
    assert_eq!(
        deadline_of(&resumed, "business_action").unwrap(),
        expected.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
    app.clock.advance(Duration::hours(62));
    let report = sweep(&app);
    assert_eq!((report.escalated, report.reminded), (1, 0), "{report:?}");
    let changes: Vec<Value> = timeline(&app, &id)
        .await
        .iter()
        .filter(|e| e["kind"] == "clock" && e["detail"]["clock"] == "business_action")
        .map(|e| e["detail"]["change"].clone())
        .collect();
    assert_eq!(
        changes,
        ["started", "paused", "resumed", "breached", "stopped"]
    );
}

#[actix_web::test]
async fn a_working_day_deadline_skips_the_weekend_and_victory_day() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000006").await;
    // Thursday 10 December 2026, 10:00 in Dhaka.
    app.clock.advance(Duration::days(39));
    let _ = consumer;
    let consumer = app.consumer_token("01766000006").await;
    let case = file(&app, &consumer, &complaint(&business_id, "2026-12-01")).await;
    // Ten working days: 13-15, 17, 20-24 December and Sunday 27 (16 December is Victory Day,
    // Fridays and Saturdays are off).
    assert_eq!(
        deadline_of(&case, "business_resolution").as_deref(),
        Some("2026-12-27T04:00:00Z")
    );
}

#[actix_web::test]
async fn escalates_when_the_business_acknowledges_but_misses_ten_working_days() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000007").await;
    let id = file(&app, &consumer, &complaint(&business_id, "2026-10-25")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = agent_of(&app, &business_id);
    let acknowledged = act(&app, &agent, &id, json!({"action": "acknowledge"})).await;
    // Filed Sunday 1 November 10:00 in Dhaka: ten working days end Sunday 15 November 10:00.
    assert_eq!(
        deadline_of(&acknowledged, "business_resolution").as_deref(),
        Some("2026-11-15T04:00:00Z")
    );
    app.clock.advance(Duration::days(14) - Duration::hours(1));
    assert_eq!(
        sweep(&app),
        SweepReport {
            reminded: 1,
            ..SweepReport::default()
        }
    );
    app.clock.advance(Duration::hours(1));
    assert_eq!(sweep(&app).escalated, 1);
    assert_eq!(read(&app, &id).await["state"], "escalated");
}

#[actix_web::test]
async fn a_paid_remedy_the_consumer_is_silent_on_closes_the_case_and_its_reopen_window_expires() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = setup(&app, "01766000008").await;
    let id = file(&app, &consumer, &complaint(&business_id, "2026-10-25")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = agent_of(&app, &business_id);
    act(&app, &agent, &id, app.proposal("A refund")).await;
    let resolved = act(&app, &consumer, &id, json!({"action": "accept"})).await;
    assert_eq!(resolved["state"], "resolved");
    // The refund's clock runs on its obligation, not on the case: time alone closes nothing.
    assert!(deadline_of(&resolved, "refund_payment").is_none());
    let ledger = format!("/api/v1/complaints/{id}/obligations");
    let lines = app
        .send_with(&agent, app.request(Method::GET, &ledger))
        .await
        .json();
    let refund = lines[0]["id"].as_str().unwrap().to_owned();
    let pay = app
        .request(Method::POST, &format!("{ledger}/{refund}/steps"))
        .json(&json!({"step": "pay", "reference": "BKASH-TRX-9F3K2"}));
    assert_eq!(app.send_with(&agent, pay).await.status, 200);

    app.clock.advance(Duration::days(7) - Duration::seconds(1));
    assert_eq!(sweep(&app).confirmed_by_silence, 0);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(sweep(&app).confirmed_by_silence, 1);
    let closed = read(&app, &id).await;
    assert_eq!(
        (closed["state"].as_str(), closed["outcome"].as_str()),
        (Some("closed"), Some("resolved_by_business"))
    );
    assert!(deadline_of(&closed, "reopen_window").is_some());

    app.clock.advance(Duration::days(30));
    assert_eq!(sweep(&app).expired, 1);
    let consumer = app.consumer_token("01766000008").await;
    let request = app
        .request(Method::POST, &format!("/api/v1/complaints/{id}/actions"))
        .json(&json!({"action": "reopen"}));
    app.send_with(&consumer, request)
        .await
        .problem(409, "move_not_allowed");
    let audited = app
        .store
        .read(|conn| ccms_persistence::audit::for_target(conn, "complaint", &id))
        .unwrap();
    assert!(
        audited
            .iter()
            .any(|(action, actor)| action == "complaint.clock" && actor == "system"),
        "{audited:?}"
    );
}
