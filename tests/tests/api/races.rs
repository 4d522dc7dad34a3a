//! One-time things stay one-time when many requests arrive at once.

use ccms_tests::TestApp;
use ccms_tests::fixtures::{STAFF_PASSWORD, staff};
use futures_util::future::join_all;
use serde_json::json;

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[actix_web::test]
async fn a_refresh_token_sent_five_times_at_once_rotates_at_most_once() {
    let app = TestApp::spawn().await;
    app.create_staff(staff("coordinator", "race@ccms.test"))
        .await;
    let session = app.login("race@ccms.test", STAFF_PASSWORD).await.json();
    let body = json!({"refresh_token": session["refresh_token"]});
    let answers = join_all((0..5).map(|_| app.post("/api/v1/auth/refresh", &body))).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    assert!(count(&statuses, 200) <= 1, "{statuses:?}");
    assert_eq!(
        count(&statuses, 200) + count(&statuses, 401),
        5,
        "{statuses:?}"
    );
}

#[actix_web::test]
async fn twenty_parallel_guesses_at_a_code_use_at_most_its_five_attempts() {
    let app = TestApp::spawn().await;
    let sent = app
        .post("/api/v1/auth/otp", &json!({"phone": "01799999999"}))
        .await
        .json();
    let code = sent["dev_code"].as_str().unwrap().to_owned();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let guess = json!({"phone": "01799999999", "code": wrong});
    let answers = join_all((0..20).map(|_| app.post("/api/v1/auth/otp/verify", &guess))).await;
    let wrong_code = answers
        .iter()
        .filter(|a| a.text.contains("\"invalid_code\""))
        .count();
    assert!(
        wrong_code <= 4,
        "{wrong_code} tries were judged, the code allows 5"
    );
    let right = json!({"phone": "01799999999", "code": code});
    assert_ne!(
        app.post("/api/v1/auth/otp/verify", &right).await.status,
        200
    );
}

#[actix_web::test]
async fn ten_parallel_wrong_passwords_check_at_most_five() {
    let app = TestApp::spawn().await;
    app.create_staff(staff("auditor", "guess@ccms.test")).await;
    let answers =
        join_all((0..10).map(|_| app.login("guess@ccms.test", "not the right password"))).await;
    let statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    assert!(count(&statuses, 401) <= 5, "{statuses:?}");
    assert_eq!(
        count(&statuses, 401) + count(&statuses, 429),
        10,
        "{statuses:?}"
    );
    app.login("guess@ccms.test", STAFF_PASSWORD)
        .await
        .problem(429, "rate_limited");
}
