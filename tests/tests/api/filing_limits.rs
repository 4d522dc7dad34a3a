//! A consumer's filings per day are bounded by the policy: at most 10 in any 24 hours, 3 of them
//! against one business; past that 429 with `Retry-After`, in Bangla or English, and parallel
//! filings cannot slip past the count.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::{business, complaint};
use chrono::Duration;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::json;

use super::complaints::file;

async fn shops(app: &TestApp, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..n {
        let shop = app
            .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
            .await;
        ids.push(shop.json()["id"].as_str().unwrap().to_owned());
    }
    ids
}

#[actix_web::test]
async fn a_fourth_complaint_against_one_business_in_a_day_waits_and_names_the_rule() {
    let app = TestApp::spawn().await;
    let shop = shops(&app, 1).await.remove(0);
    let consumer = app.consumer_token("01781000001").await;
    for _ in 0..3 {
        assert_eq!(
            file(&app, &consumer, &complaint(&shop, "2026-10-25"))
                .await
                .status,
            201
        );
        app.clock.advance(Duration::minutes(5));
    }

    let refused = app
        .send_with(
            &consumer,
            app.request(Method::POST, "/api/v1/complaints")
                .header("accept-language", "bn")
                .json(&complaint(&shop, "2026-10-25")),
        )
        .await;

    let problem = refused.problem(429, "business_filing_limit_reached");
    // The first of the three leaves the 24-hour window 15 minutes short of a day from now.
    assert_eq!(refused.header("retry-after"), Some("85500"));
    assert_eq!(problem["title"], "এই প্রতিষ্ঠানের বিরুদ্ধে দৈনিক সীমা পূর্ণ");
    assert!(
        problem["legal_source"]
            .as_str()
            .unwrap()
            .contains("3 against one business")
    );
    let elsewhere = shops(&app, 1).await.remove(0);
    assert_eq!(
        file(&app, &consumer, &complaint(&elsewhere, "2026-10-25"))
            .await
            .status,
        201
    );
    app.clock.advance(Duration::seconds(85500));
    let consumer = app.consumer_token("01781000001").await;
    assert_eq!(
        file(&app, &consumer, &complaint(&shop, "2026-10-25"))
            .await
            .status,
        201
    );
}

#[actix_web::test]
async fn twenty_parallel_filings_by_one_consumer_store_exactly_ten() {
    let app = TestApp::spawn().await;
    let shops = shops(&app, 7).await;
    let consumer = app.consumer_token("01781000002").await;
    let filings = (0..20).map(|i| {
        let request = app
            .request(Method::POST, "/api/v1/complaints")
            .json(&complaint(&shops[i % 7], "2026-10-25"));
        app.send_with(&consumer, request)
    });

    let answers = join_all(filings).await;

    let statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    let created = statuses.iter().filter(|s| **s == 201).count();
    assert_eq!(created, 10, "{statuses:?}");
    for refused in answers.iter().filter(|a| a.status != 201) {
        let code = refused.json()["code"].as_str().unwrap().to_owned();
        assert!(code.ends_with("filing_limit_reached"), "{}", refused.text);
        assert!(refused.header("retry-after").is_some());
    }
    let mine = app
        .send_with(
            &consumer,
            app.request(Method::GET, "/api/v1/complaints?limit=100"),
        )
        .await
        .json();
    assert_eq!(mine["items"].as_array().unwrap().len(), 10);
}

#[actix_web::test]
async fn a_policy_version_sets_the_limits_and_a_bad_one_is_refused() {
    let app = TestApp::spawn().await;
    let mut document = app.get("/api/v1/policy").await.json()["document"].clone();
    assert_eq!(document["filing_limits"]["per_consumer_per_day"], 10);
    document["filing_limits"]["per_business_per_day"] = json!(11);
    let refused = app
        .send_with(
            &app.token(Role::Coordinator),
            app.request(Method::PUT, "/api/v1/policy").json(&document),
        )
        .await;
    let problem = refused.problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "filing_limits");
}
