//! Oversight: auditors read everything with names reduced to initials and contacts masked,
//! and every official's read of personal data leaves an audit entry.

use ccms_api::dispatch::Allowance;
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::staff;
use ccms_tests::receiver::Receiver;
use reqwest::Method;
use reqwest::multipart::{Form, Part};
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
async fn an_officials_list_page_is_one_audit_entry_found_by_each_case_it_showed() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01780000002").await;
    let mut ids = Vec::new();
    for order in ["ORD-PAGE-1", "ORD-PAGE-2", "ORD-PAGE-3"] {
        let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
        body["order_reference"] = json!(order);
        let filed = file(&app, &p.consumer, &body).await;
        ids.push(filed.json()["id"].as_str().unwrap().to_owned());
    }
    let page = app.get_as(Role::Coordinator, "/api/v1/complaints").await;
    assert_eq!(page.json()["items"].as_array().unwrap().len(), 3);

    let pages = app
        .get_as(Role::Auditor, "/api/v1/audit?action=complaint.list")
        .await
        .json();
    let pages = pages["items"].as_array().unwrap();
    assert_eq!(pages.len(), 1, "one entry for the page, not one per case");
    let mut shown: Vec<String> = pages[0]["detail"]["shown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .collect();
    shown.sort();
    ids.sort();
    assert_eq!(shown, ids);
    for id in &ids {
        let found = app
            .get_as(
                Role::Auditor,
                &format!("/api/v1/audit?target_id={id}&action=complaint.list"),
            )
            .await
            .json();
        assert_eq!(found["items"].as_array().unwrap().len(), 1, "found by {id}");
    }
    let verified = app
        .get_as(Role::Auditor, "/api/v1/audit/verify")
        .await
        .json();
    assert_eq!(verified["intact"], true, "{verified}");
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

/// What a consumer might write: a phone number in both scripts and an e-mail address.
const WRITTEN: &str = "Call me from 01712345678 or ০১৭১২৩৪৫৬৭৮, mail me at rahim.uddin@example.com";

fn leaks(text: &str) -> bool {
    ["01712345678", "০১৭১২৩৪৫৬৭৮", "rahim.uddin"]
        .iter()
        .any(|secret| text.contains(secret))
}

#[actix_web::test]
async fn auditors_read_free_text_scrubbed_evidence_as_metadata_and_webhook_hosts_only() {
    let app = TestApp::spawn_with(|s| {
        s.delivery.webhook_allow = vec![Allowance::Http, Allowance::Loopback]
    })
    .await;
    let p = parties(&app, "01764000011").await;
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["description"] = json!(format!("The parcel never came. {WRITTEN}"));
    let filed = file(&app, &p.consumer, &body).await;
    let id = filed.json()["id"].as_str().unwrap().to_owned();
    let case = format!("/api/v1/complaints/{id}");
    let said = app
        .send_with(
            &p.consumer,
            app.request(Method::POST, &format!("{case}/messages"))
                .json(&json!({ "text": WRITTEN })),
        )
        .await;
    assert_eq!(said.status, 201, "{}", said.text);
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
    ];
    let form = Form::new().part(
        "file",
        Part::bytes(png.to_vec())
            .file_name("receipt-01712345678.png")
            .mime_str("image/png")
            .unwrap(),
    );
    let uploaded = app
        .send_with(
            &p.consumer,
            app.request(Method::POST, &format!("{case}/evidence"))
                .multipart(form),
        )
        .await;
    assert_eq!(uploaded.status, 201, "{}", uploaded.text);
    let receiver = Receiver::start(&[], 200).await;
    let hook = format!(
        "{}/t/SECRET-TOKEN?sig=abc",
        receiver.url.trim_end_matches('/')
    );
    let subscribed = app
        .send_with(
            &p.agent,
            app.request(Method::POST, "/api/v1/subscriptions")
                .json(&json!({"url": hook, "event_types": ["complaint.created"]})),
        )
        .await;
    assert_eq!(subscribed.status, 201, "{}", subscribed.text);

    // What the coordinator reads as written, the auditor reads scrubbed.
    for path in [
        case.clone(),
        format!("{case}/events"),
        "/api/v1/complaints".into(),
    ] {
        let coordinator = app.get_as(Role::Coordinator, &path).await;
        assert!(leaks(&coordinator.text), "{path}: {}", coordinator.text);
        let auditor = app.get_as(Role::Auditor, &path).await;
        assert_eq!(auditor.status, 200, "{path}: {}", auditor.text);
        assert!(!leaks(&auditor.text), "{path}: {}", auditor.text);
        assert!(auditor.text.contains("[number removed]"), "{path}");
    }
    let listed = app
        .get_as(Role::Auditor, &format!("{case}/evidence"))
        .await
        .json();
    let item = &listed[0];
    assert_eq!(
        (item["kind"].as_str(), item["sha256"].as_str().map(str::len)),
        (Some("png"), Some(64))
    );
    assert!(!leaks(item["file_name"].as_str().unwrap()));
    let download = format!("{case}/evidence/{}", item["id"].as_str().unwrap());
    app.get_as(Role::Auditor, &download)
        .await
        .problem(403, "forbidden");
    assert_eq!(app.get_as(Role::Coordinator, &download).await.status, 200);
    let hooks = app.get_as(Role::Auditor, "/api/v1/subscriptions").await;
    assert!(!hooks.text.contains("SECRET-TOKEN"), "{}", hooks.text);
    let host = receiver.url.split('/').nth(2).unwrap().to_owned();
    assert!(
        hooks.text.contains(&format!("http://{host}/")),
        "{}",
        hooks.text
    );
}
