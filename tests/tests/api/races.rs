//! One-time things stay one-time when many requests arrive at once.

use ccms_tests::TestApp;
use ccms_tests::fixtures::{STAFF_PASSWORD, staff};
use diesel::RunQueryDsl;
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

/// A registered shop and a signed-in consumer: (business id, consumer token).
async fn shop_and_consumer(app: &TestApp, phone: &str) -> (String, String) {
    let body = ccms_tests::fixtures::business().json();
    let shop = app
        .post_as(
            ccms_domain::access::Role::Coordinator,
            "/api/v1/businesses",
            &body,
        )
        .await
        .json();
    (
        shop["id"].as_str().unwrap().to_owned(),
        app.consumer_token(phone).await,
    )
}

#[actix_web::test]
async fn twenty_concurrent_intakes_get_twenty_consecutive_tracking_numbers() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = shop_and_consumer(&app, "01722222222").await;
    app.allow_filings(20);
    let filings = (0..20).map(|_| {
        let body = ccms_tests::fixtures::complaint(&business_id, "2026-10-25");
        app.send_with(
            &consumer,
            app.request(reqwest::Method::POST, "/api/v1/complaints")
                .json(&body),
        )
    });
    let answers = join_all(filings).await;
    let mut numbers: Vec<u32> = answers
        .iter()
        .map(|a| {
            assert_eq!(a.status, 201, "{}", a.text);
            a.json()["tracking_number"]
                .as_str()
                .unwrap()
                .rsplit('-')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=20).collect::<Vec<u32>>());
}

#[actix_web::test]
async fn numbering_continues_after_the_numbers_already_given_this_year() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = shop_and_consumer(&app, "01722220000").await;
    app.store
        .transaction(|conn| {
            diesel::sql_query("INSERT INTO tracking_counters (year, last) VALUES (2026, 41)")
                .execute(conn)
                .map_err(ccms_persistence::StoreError::from)
        })
        .unwrap();
    let mut numbers = Vec::new();
    for _ in 0..2 {
        let body = ccms_tests::fixtures::complaint(&business_id, "2026-10-25");
        let filed = app
            .send_with(
                &consumer,
                app.request(reqwest::Method::POST, "/api/v1/complaints")
                    .json(&body),
            )
            .await;
        assert_eq!(filed.status, 201, "{}", filed.text);
        numbers.push(filed.json()["tracking_number"].as_str().unwrap().to_owned());
    }
    assert_eq!(numbers, ["CCMS-2026-000042", "CCMS-2026-000043"]);
}

#[actix_web::test]
async fn ten_concurrent_moves_on_one_case_change_it_once() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = shop_and_consumer(&app, "01733333333").await;
    let body = ccms_tests::fixtures::complaint(&business_id, "2026-10-25");
    let case = app
        .send_with(
            &consumer,
            app.request(reqwest::Method::POST, "/api/v1/complaints")
                .json(&body),
        )
        .await
        .json();
    let path = format!(
        "/api/v1/complaints/{}/actions",
        case["id"].as_str().unwrap()
    );
    let coordinator = app.token(ccms_domain::access::Role::Coordinator);
    let moves = (0..10).map(|_| {
        let request = app
            .request(reqwest::Method::POST, &path)
            .header("if-match", "\"1\"")
            .json(&json!({"action": "escalate"}));
        app.send_with(&coordinator, request)
    });
    let statuses: Vec<u16> = join_all(moves)
        .await
        .iter()
        .map(|a| a.status.as_u16())
        .collect();
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    assert_eq!(
        count(&statuses, 409) + count(&statuses, 412),
        9,
        "{statuses:?}"
    );
    let after = app
        .send_with(
            &coordinator,
            app.request(
                reqwest::Method::GET,
                &format!("/api/v1/complaints/{}", case["id"].as_str().unwrap()),
            ),
        )
        .await
        .json();
    assert_eq!(after["version"], 2);
}

#[actix_web::test]
async fn the_same_filing_sent_twice_at_once_opens_one_case() {
    let app = TestApp::spawn().await;
    let (business_id, consumer) = shop_and_consumer(&app, "01744440000").await;
    let body = ccms_tests::fixtures::complaint(&business_id, "2026-10-25");
    let filings = (0..2).map(|_| {
        app.send_with(
            &consumer,
            app.request(reqwest::Method::POST, "/api/v1/complaints")
                .json(&body),
        )
    });
    let statuses: Vec<u16> = join_all(filings)
        .await
        .iter()
        .map(|a| a.status.as_u16())
        .collect();
    assert_eq!(
        (count(&statuses, 201), count(&statuses, 409)),
        (1, 1),
        "{statuses:?}"
    );
}
