//! The policy as callers see it: published, simulated, and explained on a case.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::{business, complaint};
use reqwest::Method;
use serde_json::json;

#[actix_web::test]
async fn the_policy_is_public_with_its_clocks_and_rules() {
    let app = TestApp::spawn().await;
    let policy = app.get("/api/v1/policy").await.json();
    assert_eq!(policy["version"], 1);
    let action = policy["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clock"] == "business_action")
        .unwrap()
        .clone();
    assert_eq!(action["hours"], 72);
    assert!(action["source"].as_str().unwrap().contains("2021"));
    assert!(
        policy["admissibility"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "filing_window_expired")
    );
}

#[actix_web::test]
async fn a_simulation_routes_and_dates_a_draft_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let draft = json!({"category": "payment_problem", "incident_date": "2026-10-30"});
    let simulated = app
        .post_as(Role::Coordinator, "/api/v1/policy/simulate", &draft)
        .await;
    assert_eq!(simulated.status, 200, "{}", simulated.text);
    let simulated = simulated.json();
    assert_eq!(simulated["admissible"], true);
    assert_eq!(simulated["referrals"], json!(["BB"]));
    assert_eq!(simulated["deadlines"].as_array().unwrap().len(), 2);
    let late = json!({"category": "late_delivery", "incident_date": "2026-09-01"});
    let refused = app
        .post_as(Role::Coordinator, "/api/v1/policy/simulate", &late)
        .await
        .json();
    assert_eq!(refused["refused_by"]["code"], "filing_window_expired");
    let listed = app
        .get_as(Role::Coordinator, "/api/v1/complaints")
        .await
        .json();
    assert!(listed["items"].as_array().unwrap().is_empty());
    app.post_as(Role::Officer, "/api/v1/policy/simulate", &draft)
        .await
        .problem(403, "forbidden");
}

#[actix_web::test]
async fn a_case_explains_the_rule_and_clocks_that_put_it_there() {
    let app = TestApp::spawn().await;
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    let consumer = app.consumer_token("01788000001").await;
    let body = complaint(shop["id"].as_str().unwrap(), "2026-10-25");
    let case = app
        .send_with(
            &consumer,
            app.request(Method::POST, "/api/v1/complaints").json(&body),
        )
        .await
        .json();
    let path = format!(
        "/api/v1/complaints/{}/explain",
        case["tracking_number"].as_str().unwrap()
    );
    let explained = app
        .send_with(&consumer, app.request(Method::GET, &path))
        .await
        .json();
    assert_eq!(explained["rule"], "business-first");
    assert!(
        explained["rule_source"]
            .as_str()
            .unwrap()
            .contains("first chance")
    );
    assert_eq!(explained["clocks"].as_array().unwrap().len(), 2);
    assert_eq!(explained["allowed_actions"], json!(["withdraw"]));
}
