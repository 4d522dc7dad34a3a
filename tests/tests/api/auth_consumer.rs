//! Consumers sign in with a one-time code: expiry, attempts and limits on an injected clock.

use ccms_tests::TestApp;
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

async fn request_code(app: &TestApp, phone: &str) -> ccms_tests::Answer {
    app.post("/api/v1/auth/otp", &json!({ "phone": phone }))
        .await
}

async fn verify(app: &TestApp, phone: &str, code: &str) -> ccms_tests::Answer {
    app.post(
        "/api/v1/auth/otp/verify",
        &json!({ "phone": phone, "code": code }),
    )
    .await
}

fn code_of(answer: &ccms_tests::Answer) -> String {
    assert_eq!(answer.status, 202, "{}", answer.text);
    answer.json()["dev_code"].as_str().unwrap().to_owned()
}

#[actix_web::test]
async fn a_code_signs_in_a_new_consumer_whose_number_is_normalised() {
    let app = TestApp::spawn().await;
    let code = code_of(&request_code(&app, "01712345678").await);
    let signed_in = verify(&app, "+8801712345678", &code).await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.text);
    let tokens = signed_in.json();
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(tokens["refresh_token"].as_str().is_some());
    let me = app
        .send(
            app.request(Method::GET, "/api/v1/auth/me")
                .bearer_auth(tokens["access_token"].as_str().unwrap()),
        )
        .await;
    assert_eq!(me.json()["role"], "consumer");
    assert_eq!(me.json()["phone"], "+8801712345678");
    verify(&app, "01712345678", &code)
        .await
        .problem(401, "code_expired");
}

#[actix_web::test]
async fn a_code_expires_after_five_minutes() {
    let app = TestApp::spawn().await;
    let code = code_of(&request_code(&app, "01812345678").await);
    app.clock.advance(Duration::minutes(5));
    verify(&app, "01812345678", &code)
        .await
        .problem(401, "code_expired");
}

#[actix_web::test]
async fn five_wrong_codes_spend_the_code() {
    let app = TestApp::spawn().await;
    let code = code_of(&request_code(&app, "01912345678").await);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..4 {
        verify(&app, "01912345678", wrong)
            .await
            .problem(401, "invalid_code");
    }
    verify(&app, "01912345678", wrong)
        .await
        .problem(401, "code_expired");
    verify(&app, "01912345678", &code)
        .await
        .problem(401, "code_expired");
}

#[actix_web::test]
async fn a_fourth_code_within_fifteen_minutes_waits_with_retry_after() {
    let app = TestApp::spawn().await;
    for _ in 0..3 {
        code_of(&request_code(&app, "01612345678").await);
    }
    let limited = request_code(&app, "01612345678").await;
    limited.problem(429, "rate_limited");
    assert_eq!(limited.header("retry-after"), Some("900"));
    app.clock.advance(Duration::minutes(15));
    code_of(&request_code(&app, "01612345678").await);
}

#[actix_web::test]
async fn only_the_newest_code_counts() {
    let app = TestApp::spawn().await;
    let first = code_of(&request_code(&app, "01512345678").await);
    let second = code_of(&request_code(&app, "01512345678").await);
    if first != second {
        // Checked against the newest code, the first one is simply wrong.
        verify(&app, "01512345678", &first)
            .await
            .problem(401, "invalid_code");
    }
    assert_eq!(verify(&app, "01512345678", &second).await.status, 200);
}

#[actix_web::test]
async fn production_never_shows_the_code() {
    let app = TestApp::spawn_with(|s| {
        s.environment = ccms_api::settings::Environment::Production;
        s.jwt_secret = Some("a-production-secret-that-is-long-enough-0123".into());
        s.delivery.webhook_key = Some("a-production-webhook-key-that-is-long-enough".into());
    })
    .await;
    let answer = request_code(&app, "01312345678").await;
    assert_eq!(answer.status, 202);
    assert_eq!(answer.json().get("dev_code"), None::<&Value>);
}

#[actix_web::test]
async fn a_malformed_number_or_code_is_a_field_error() {
    let app = TestApp::spawn().await;
    let problem = request_code(&app, "01212345678")
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "phone");
    let problem = verify(&app, "01712345678", "12ab56")
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "code");
}

#[actix_web::test]
async fn a_number_typed_in_bangla_digits_signs_in_as_the_same_consumer() {
    let app = TestApp::spawn().await;
    let sent = request_code(&app, "০১৭৯৯০০০১২৪").await;
    assert_eq!(sent.status, 202, "{}", sent.text);
    let code = sent.json()["dev_code"].as_str().unwrap().to_owned();

    let session = verify(&app, "+৮৮০১৭৯৯০০০১২৪", &code).await;

    assert_eq!(session.status, 200, "{}", session.text);
    let me = app
        .send_with(
            session.json()["access_token"].as_str().unwrap(),
            app.request(reqwest::Method::GET, "/api/v1/auth/me"),
        )
        .await
        .json();
    assert_eq!(me["phone"], "+8801799000124");
}
