//! One-time codes reach a real SMS gateway at once, in production as in development, and never
//! in the answer or the notice log outside development.

use ccms_api::settings::Environment;
use ccms_tests::TestApp;
use ccms_tests::receiver::Receiver;
use serde_json::json;
use std::time::Duration;

const SECRET: &str = "a-production-secret-of-at-least-32-bytes!";

async fn production_with_gateway(gateway: &Receiver) -> TestApp {
    let url = gateway.url.clone();
    TestApp::spawn_with(|s| {
        s.environment = Environment::Production;
        s.jwt_secret = Some(SECRET.into());
        s.delivery.webhook_key = Some("a-production-webhook-key-of-32-bytes-or-more".into());
        s.delivery.notify_gateway_url = Some(url);
    })
    .await
}

fn six_digits_in(text: &str) -> String {
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 6)
        .collect();
    assert!(!digits.is_empty(), "a 6-digit code in {text}");
    assert!(digits.iter().all(|d| *d == digits[0]), "one code in {text}");
    digits[0].to_owned()
}

#[actix_web::test]
async fn in_production_the_code_reaches_the_gateway_and_signs_the_consumer_in() {
    let gateway = Receiver::start(&[], 200).await;
    let app = production_with_gateway(&gateway).await;
    let asked = app
        .post("/api/v1/auth/otp", &json!({"phone": "01712345670"}))
        .await;
    assert_eq!(asked.status, 202, "{}", asked.text);
    assert!(asked.json().get("dev_code").is_none(), "{}", asked.text);

    let sent = gateway.wait_for(1, Duration::from_secs(5)).await;
    let sms = sent[0].json();
    assert_eq!(sms["channel"], "sms");
    assert_eq!(sms["to"], "+8801712345670");
    let code = six_digits_in(sms["body"].as_str().unwrap());
    let signed_in = app
        .post(
            "/api/v1/auth/otp/verify",
            &json!({"phone": "01712345670", "code": code}),
        )
        .await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.text);

    // The notice log shows that a code went out, not which.
    let kept = app
        .store
        .read(|conn| ccms_persistence::notifications::to_recipient(conn, "+8801712345670"))
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].attempts, 1);
    assert!(!kept[0].text.body.contains(&code), "{}", kept[0].text.body);
    assert!(!kept[0].text.body.chars().any(|c| c.is_ascii_digit()));
}

#[actix_web::test]
async fn a_failed_attempt_is_retried_with_the_same_id() {
    let gateway = Receiver::start(&[503], 200).await;
    let app = production_with_gateway(&gateway).await;
    let asked = app
        .post("/api/v1/auth/otp", &json!({"phone": "01712345671"}))
        .await;
    assert_eq!(asked.status, 202, "{}", asked.text);
    let sent = gateway.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].json()["id"], sent[1].json()["id"]);
    assert_eq!(sent[0].json()["body"], sent[1].json()["body"]);
}

#[actix_web::test]
async fn a_gateway_that_keeps_failing_answers_503_and_the_log_says_so() {
    let gateway = Receiver::start(&[], 500).await;
    let app = production_with_gateway(&gateway).await;
    app.post("/api/v1/auth/otp", &json!({"phone": "01712345672"}))
        .await
        .problem(503, "service_unavailable");
    assert_eq!(gateway.requests().len(), 3);
    let kept = app
        .store
        .read(|conn| ccms_persistence::notifications::to_recipient(conn, "+8801712345672"))
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].attempts, 3);
    assert_eq!(
        kept[0].status,
        ccms_domain::delivery::notice::NoticeStatus::Failed
    );
}

#[actix_web::test]
async fn in_development_the_gateway_gets_the_same_code_the_answer_shows() {
    let gateway = Receiver::start(&[], 200).await;
    let url = gateway.url.clone();
    let app = TestApp::spawn_with(|s| s.delivery.notify_gateway_url = Some(url)).await;
    let asked = app
        .post("/api/v1/auth/otp", &json!({"phone": "01712345673"}))
        .await;
    let dev_code = asked.json()["dev_code"].as_str().unwrap().to_owned();
    let sent = gateway.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(
        six_digits_in(sent[0].json()["body"].as_str().unwrap()),
        dev_code
    );
}
