//! Oversight: auditors read everything with names reduced to initials and contacts masked,
//! and every official's read of personal data leaves an audit entry.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::staff;
use serde_json::json;

use super::complaints::{file, parties};

#[actix_web::test]
async fn an_officials_read_of_a_case_is_audited_and_the_consumers_own_is_not() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01780000001").await;
    let body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    let id = file(&app, &p.consumer, &body).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/complaints/{id}");
    assert_eq!(
        app.send_with(&p.consumer, app.request(reqwest::Method::GET, &path))
            .await
            .status,
        200
    );
    let read = app.get_as(Role::Auditor, &path).await;
    assert_eq!(read.status, 200);
    assert_eq!(
        read.json()["consumer_phone"],
        "+88017*****001",
        "auditors see a masked number"
    );
    assert_eq!(
        app.get_as(Role::Auditor, &format!("{path}/events"))
            .await
            .status,
        200
    );

    assert_eq!(
        app.get_as(Role::Coordinator, "/api/v1/complaints")
            .await
            .status,
        200
    );
    let log = app
        .get_as(Role::Auditor, &format!("/api/v1/audit?target_id={id}"))
        .await
        .json();
    let reads: Vec<(String, String)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"].as_str().unwrap().ends_with(".read"))
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_owned(),
                e["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        reads,
        vec![
            ("complaint.read".to_owned(), "auditor".to_owned()),
            ("complaint.timeline.read".to_owned(), "auditor".to_owned()),
        ]
    );
    let listed = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "complaint.list" && e["role"] == "coordinator")
        .count();
    assert_eq!(
        listed, 1,
        "a coordinator's list page is recorded case by case"
    );
}

#[actix_web::test]
async fn auditors_see_staff_by_initials_with_masked_contacts() {
    let app = TestApp::spawn().await;
    let mut officer = staff("officer", "rahim.uddin@dncrp.gov.bd");
    officer["display_name"] = json!("Rahim Uddin");
    officer["agency"] = json!("DNCRP");
    app.post_as(
        Role::Coordinator,
        "/api/v1/agencies",
        &ccms_tests::fixtures::agency("DNCRP"),
    )
    .await;
    app.create_staff(officer).await;

    let seen = app.get_as(Role::Auditor, "/api/v1/staff").await;
    assert_eq!(seen.status, 200, "{}", seen.text);
    assert!(!seen.text.contains("Rahim Uddin") && !seen.text.contains("rahim.uddin@"));
    let item = seen.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["role"] == "officer")
        .cloned()
        .unwrap();
    assert_eq!(
        (item["display_name"].as_str(), item["email"].as_str()),
        (Some("R. U."), Some("r***@dncrp.gov.bd"))
    );
    let admin = app.get_as(Role::Admin, "/api/v1/staff").await;
    assert!(
        admin.text.contains("Rahim Uddin"),
        "admins manage accounts by name"
    );
}

#[actix_web::test]
async fn auditors_read_subscriptions_and_partners_but_change_nothing() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.get_as(Role::Auditor, "/api/v1/subscriptions")
            .await
            .status,
        200
    );
    assert_eq!(
        app.get_as(Role::Auditor, "/api/v1/partners").await.status,
        200
    );
    let body =
        json!({"url": "https://hooks.example.com.bd/x", "event_types": ["complaint.created"]});
    app.post_as(Role::Auditor, "/api/v1/subscriptions", &body)
        .await
        .problem(403, "forbidden");
}
