use ccms_api::clock::Clock;
use ccms_tests::receiver::Receiver;
use chrono::{Duration, Utc};
use serde_json::json;

use super::{filed, log, post, setup, subscribe};
use crate::authority::{ok, resigned};

#[actix_web::test]
async fn a_delivery_verifies_with_the_standard_webhooks_library() {
    let app = super::loopback_app().await;
    // The library checks the timestamp against the real time: let the app's clock show it.
    app.clock.advance(Utc::now() - app.clock.now());
    let p = crate::complaints::parties(&app, "01760000001").await;
    let receiver = Receiver::start(&[], 200).await;
    let (_, secret) = subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    let case = filed(&app, &p).await;

    let report = app.dispatch().await;

    assert_eq!(report.delivered, 1);
    let got = receiver.requests();
    assert_eq!(got.len(), 1);
    let verifier = standardwebhooks::Webhook::new(&secret).unwrap();
    verifier
        .verify(got[0].body.as_bytes(), &got[0].headers)
        .unwrap();
    let event = got[0].json();
    assert_eq!(event["type"], "complaint.created");
    assert_eq!(event["complaint"]["id"], case.as_str());
    assert_eq!(got[0].header("webhook-id"), event["id"].as_str().unwrap());
    // A tampered body does not verify.
    let tampered = got[0]
        .body
        .replace("complaint.created", "complaint.creatED");
    assert!(
        verifier
            .verify(tampered.as_bytes(), &got[0].headers)
            .is_err()
    );
}

#[actix_web::test]
async fn a_receiver_failing_twice_gets_three_attempts_all_in_the_log() {
    let (app, p) = setup("01760000002").await;
    let receiver = Receiver::start(&[500, 500], 200).await;
    let (sub, _) = subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    filed(&app, &p).await;

    assert_eq!(app.dispatch().await.failed_attempts, 1);
    // Nothing is due before the backoff has passed.
    assert_eq!(app.dispatch().await.total(), 0);
    app.clock.advance(Duration::minutes(2));
    assert_eq!(app.dispatch().await.failed_attempts, 1);
    app.clock.advance(Duration::minutes(3));
    assert_eq!(app.dispatch().await.delivered, 1);

    let got = receiver.requests();
    assert_eq!(got.len(), 3);
    assert!(
        got.iter()
            .all(|r| r.header("webhook-id") == got[0].header("webhook-id"))
    );
    let deliveries = log(&app, &p.agent, &sub).await;
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0]["status"], "delivered");
    let attempts = deliveries[0]["attempts"].as_array().unwrap();
    let codes: Vec<_> = attempts
        .iter()
        .map(|a| a["status_code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, vec![500, 500, 200]);
    let numbers: Vec<_> = attempts
        .iter()
        .map(|a| a["attempt"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, vec![1, 2, 3]);
    assert!(
        attempts
            .iter()
            .all(|a| a["latency_ms"].as_i64().unwrap() >= 0)
    );
}

#[actix_web::test]
async fn replay_delivers_a_delivered_event_again() {
    let (app, p) = setup("01760000003").await;
    let receiver = Receiver::start(&[], 200).await;
    let (sub, _) = subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    filed(&app, &p).await;
    app.dispatch().await;
    let delivery = log(&app, &p.agent, &sub).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let path = format!("/api/v1/subscriptions/{sub}/deliveries/{delivery}/replay");
    let replayed = ok(post(&app, &p.agent, &path, json!({})).await, 202);
    assert_eq!(replayed["status"], "pending");
    assert_eq!(app.dispatch().await.delivered, 1);

    let got = receiver.requests();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].body, got[1].body);
    assert_eq!(
        log(&app, &p.agent, &sub).await[0]["attempts"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[actix_web::test]
async fn a_receiver_that_refuses_with_4xx_is_not_retried() {
    let (app, p) = setup("01760000004").await;
    let receiver = Receiver::start(&[410], 200).await;
    let (sub, _) = subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    filed(&app, &p).await;
    app.dispatch().await;
    app.clock.advance(Duration::hours(30));
    app.dispatch().await;
    assert_eq!(receiver.requests().len(), 1);
    let p = resigned(&app, p, "01760000004").await;
    assert_eq!(log(&app, &p.agent, &sub).await[0]["status"], "failed");
}

#[actix_web::test]
async fn an_unreachable_receiver_is_retried_for_a_day_then_given_up() {
    let (app, p) = setup("01760000005").await;
    let receiver = Receiver::start(&[], 503).await;
    let (sub, _) = subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    filed(&app, &p).await;
    let start = app.clock.now();
    while app.clock.now() - start < Duration::hours(40) {
        app.dispatch().await;
        app.clock.advance(Duration::minutes(5));
    }
    let p = resigned(&app, p, "01760000005").await;
    let delivery = &log(&app, &p.agent, &sub).await[0];
    assert_eq!(delivery["status"], "failed");
    let attempts = delivery["attempts"].as_array().unwrap();
    let last: chrono::DateTime<Utc> = attempts.last().unwrap()["at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        last - start >= Duration::hours(24),
        "gave up after {}",
        last - start
    );
    assert!(attempts.len() >= 10);
}

#[actix_web::test]
async fn a_run_of_failed_rounds_disables_the_subscription_and_tells_its_owner() {
    let (app, p) = setup("01760000006").await;
    let receiver = Receiver::start(&[500, 500, 500, 500], 200).await;
    let (sub, _) = subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    let business = format!("/api/v1/businesses/{}", p.business_id);
    let contact = json!({"contact_email": "ops@shop.example.com.bd"});
    ok(
        app.patch_as(ccms_domain::access::Role::Coordinator, &business, &contact)
            .await,
        200,
    );
    filed(&app, &p).await;
    filed(&app, &p).await;
    let dispatcher = app.dispatcher(|s| {
        s.webhook_disable_after = 2;
        s.webhook_disable_after_hours = 0;
    });

    // Two failures in one round count once.
    let first = dispatcher.run_once(&app.clock).await.unwrap();
    assert_eq!((first.failed_attempts, first.disabled), (2, 0));
    app.clock.advance(Duration::minutes(2));
    let second = dispatcher.run_once(&app.clock).await.unwrap();
    assert_eq!((second.failed_attempts, second.disabled), (2, 1));

    let path = format!("/api/v1/subscriptions/{sub}");
    let seen = ok(crate::authority::get(&app, &p.agent, &path).await, 200);
    assert_eq!(seen["status"], "disabled");
    assert_eq!(seen["disabled_reason"], "2 failed rounds in a row");
    // An event while disabled is queued, and nothing is sent...
    filed(&app, &p).await;
    app.clock.advance(Duration::hours(1));
    dispatcher.run_once(&app.clock).await.unwrap();
    assert_eq!(receiver.requests().len(), 4);
    // ...until its owner enables it again; then all three go out.
    let p = resigned(&app, p, "01760000006").await;
    let enabled = ok(
        post(&app, &p.agent, &format!("{path}/enable"), json!({})).await,
        200,
    );
    assert_eq!(
        (enabled["status"].as_str(), enabled["failure_run"].as_u64()),
        (Some("active"), Some(0))
    );
    assert_eq!(dispatcher.run_once(&app.clock).await.unwrap().delivered, 3);
    assert_eq!(log(&app, &p.agent, &sub).await.len(), 3);

    let audit = app
        .store
        .read(|conn| ccms_persistence::audit::for_target(conn, "subscription", &sub))
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|(action, actor)| action == "subscription.disabled" && actor == "system")
    );
    let told = app
        .store
        .read(|conn| ccms_persistence::notifications::to_recipient(conn, "ops@shop.example.com.bd"))
        .unwrap();
    assert_eq!(told.len(), 1);
    assert!(told[0].text.body.contains(&receiver.url));
    assert!(told[0].text.subject.contains("disabled"));
}

#[actix_web::test]
async fn every_event_of_an_escalation_matches_the_contract() {
    let (app, p) = setup("01760000007").await;
    let receiver = Receiver::start(&[], 200).await;
    let business_events: Vec<&str> = ccms_domain::delivery::EVENT_TYPES
        .iter()
        .filter(|e| e.audience == ccms_domain::delivery::Audience::Business)
        .map(|e| e.code)
        .collect();
    subscribe(&app, &p.agent, &receiver.url, &business_events).await;
    let case = crate::authority::escalated_case(&app, &p, "non_delivery").await;
    let path = format!("/api/v1/complaints/{case}/messages");
    ok(
        post(&app, &p.consumer, &path, json!({"text": "Still waiting."})).await,
        201,
    );

    app.dispatch().await;

    let got = receiver.requests();
    let mut types: Vec<String> = got
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap().to_owned())
        .collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(
        types,
        [
            "complaint.created",
            "complaint.message_added",
            "complaint.status_changed"
        ]
    );
    super::assert_conforms(&app, &got).await;
}

#[actix_web::test]
async fn a_sandbox_with_its_clock_moved_on_signs_at_the_receivers_time_so_libraries_verify() {
    use ccms_api::clock::{Clock as _, SandboxClock};
    let app = super::loopback_app().await;
    let p = crate::complaints::parties(&app, "01760000009").await;
    let receiver = Receiver::start(&[], 200).await;
    let (_, secret) = subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    filed(&app, &p).await;
    let sandbox = SandboxClock::default();
    assert!(sandbox.advance(Duration::hours(73)));

    let report = app.dispatcher(|_| {}).run_once(&sandbox).await.unwrap();

    assert_eq!(report.delivered, 1);
    let got = receiver.requests();
    // The Standard Webhooks library refuses a timestamp five minutes from its own clock.
    standardwebhooks::Webhook::new(&secret)
        .unwrap()
        .verify(got[0].body.as_bytes(), &got[0].headers)
        .unwrap();
}
