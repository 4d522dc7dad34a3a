//! Partner pushes with `Idempotency-Key`: one case however many retries, the first answer
//! replayed, a reused key refused.

use ccms_domain::access::Role;
use ccms_tests::fixtures::{business, complaint};
use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

async fn setup(app: &TestApp) -> (String, Value) {
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    // The shop's own client: a partner files only against its own marketplace and sellers.
    let partner = app.partner_token("market-client", shop["id"].as_str().unwrap());
    let mut body = complaint(shop["id"].as_str().unwrap(), "2026-10-25");
    body["consumer_phone"] = json!("01811000042");
    (partner, body)
}

async fn push(app: &TestApp, partner: &str, key: &str, body: &Value) -> Answer {
    let request = app
        .request(Method::POST, "/api/v1/complaints")
        .header("idempotency-key", key)
        .json(body);
    app.send_with(partner, request).await
}

async fn cases(app: &TestApp) -> usize {
    app.get_as(Role::Coordinator, "/api/v1/complaints")
        .await
        .json()["items"]
        .as_array()
        .unwrap()
        .len()
}

#[actix_web::test]
async fn fifty_concurrent_pushes_with_one_key_open_one_case_and_answer_alike() {
    let app = TestApp::spawn().await;
    let (partner, body) = setup(&app).await;
    let answers = futures_util::future::join_all(
        (0..50).map(|_| push(&app, &partner, "order-7781-push", &body)),
    )
    .await;
    let first = &answers[0];
    for answer in &answers {
        assert_eq!(answer.status, 201, "{}", answer.text);
        assert_eq!(answer.text, first.text);
        assert_eq!(answer.header("location"), first.header("location"));
    }
    let replays = answers
        .iter()
        .filter(|a| a.header("idempotency-replayed") == Some("true"))
        .count();
    assert_eq!(replays, 49);
    assert_eq!(cases(&app).await, 1);
}

#[actix_web::test]
async fn a_replay_is_marked_and_a_key_reused_for_another_request_is_refused() {
    let app = TestApp::spawn().await;
    let (partner, body) = setup(&app).await;
    let first = push(&app, &partner, "k-1", &body).await;
    assert_eq!(first.status, 201, "{}", first.text);
    assert_eq!(first.header("idempotency-replayed"), None);
    let again = push(&app, &partner, "k-1", &body).await;
    assert_eq!(
        (again.status.as_u16(), again.header("idempotency-replayed")),
        (201, Some("true"))
    );
    assert_eq!(again.json()["id"], first.json()["id"]);

    let mut other = body.clone();
    other["subject"] = json!("Another complaint altogether");
    other["order_reference"] = json!("ORD-ANOTHER-1");
    push(&app, &partner, "k-1", &other)
        .await
        .problem(422, "idempotency_key_reused");
    push(&app, &partner, "bad key with spaces", &other)
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(cases(&app).await, 1);

    // Kept for a day: after that the key is free again.
    app.clock.advance(Duration::hours(25));
    let later = push(&app, &partner, "k-1", &other).await;
    assert_eq!(later.status, 201, "{}", later.text);
    assert_eq!(cases(&app).await, 2);
}

#[actix_web::test]
async fn a_refused_push_is_replayed_as_refused() {
    let app = TestApp::spawn().await;
    let (partner, mut body) = setup(&app).await;
    body["incident_date"] = json!("2020-01-01");
    let refused = push(&app, &partner, "late-1", &body).await;
    refused.problem(422, "filing_window_expired");
    let again = push(&app, &partner, "late-1", &body).await;
    assert_eq!(again.header("idempotency-replayed"), Some("true"));
    assert_eq!(again.text, refused.text);
    assert_eq!(cases(&app).await, 0);
}
