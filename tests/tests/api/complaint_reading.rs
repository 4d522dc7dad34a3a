//! Reading cases: lists, filters, categories, and the clocks each case shows.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::complaint;
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use super::complaints::{file, moved, parties};

#[actix_web::test]
async fn lists_filter_by_state_category_and_reference_within_the_callers_scope() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000011").await;
    let first = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
        .await
        .json();
    let mut payment = complaint(&p.business_id, "2026-10-26");
    payment["category"] = json!("payment_problem");
    let second = file(&app, &p.consumer, &payment).await.json();
    assert_eq!(second["routing"]["referrals"], json!(["BB"]));
    moved(
        &app,
        &p.consumer,
        first["id"].as_str().unwrap(),
        json!({"action": "withdraw"}),
        "withdrawn",
    )
    .await;

    let list = |query: &str| app.request(Method::GET, &format!("/api/v1/complaints?{query}"));
    let numbers = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["tracking_number"].as_str().unwrap().to_owned())
            .collect()
    };
    let mine = app.send_with(&p.consumer, list("")).await.json();
    assert_eq!(numbers(&mine).len(), 2);
    let withdrawn = app
        .send_with(&p.consumer, list("state=withdrawn"))
        .await
        .json();
    assert_eq!(
        numbers(&withdrawn),
        vec![first["tracking_number"].as_str().unwrap()]
    );
    let payments = app
        .send_with(&p.coordinator, list("category=payment_problem"))
        .await
        .json();
    assert_eq!(
        numbers(&payments),
        vec![second["tracking_number"].as_str().unwrap()]
    );
    let by_number = app
        .send_with(
            &p.agent,
            list(&format!(
                "reference={}",
                second["tracking_number"].as_str().unwrap()
            )),
        )
        .await
        .json();
    assert_eq!(numbers(&by_number).len(), 1);
    let by_order = app
        .send_with(
            &p.agent,
            list(&format!(
                "reference={}",
                first["order_reference"].as_str().unwrap()
            )),
        )
        .await
        .json();
    assert_eq!(
        numbers(&by_order),
        vec![first["tracking_number"].as_str().unwrap()]
    );
    let today = app
        .send_with(
            &p.coordinator,
            list("filed_from=2026-11-01&filed_to=2026-11-01"),
        )
        .await
        .json();
    assert_eq!(numbers(&today).len(), 2);
    let earlier = app
        .send_with(&p.coordinator, list("filed_to=2026-10-31"))
        .await
        .json();
    assert!(numbers(&earlier).is_empty());
    // A stranger's list is empty, and a stranger's lookup is a 404.
    let stranger = app.consumer_token("01799990000").await;
    assert!(numbers(&app.send_with(&stranger, list("")).await.json()).is_empty());
    let path = format!(
        "/api/v1/complaints/{}",
        second["tracking_number"].as_str().unwrap()
    );
    app.send_with(&stranger, app.request(Method::GET, &path))
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn categories_come_with_both_labels() {
    let app = TestApp::spawn().await;
    let categories = app.get("/api/v1/categories").await.json();
    let list = categories.as_array().unwrap();
    assert_eq!(list.len(), 13);
    assert!(
        list.iter()
            .any(|c| c["code"] == "refund_not_paid" && c["label_bn"] == "টাকা ফেরত দেওয়া হয়নি")
    );
}

#[actix_web::test]
async fn a_business_that_misses_72_hours_shows_up_as_overdue_with_its_clock() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000012").await;
    let case = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
        .await
        .json();
    let clocks: Vec<&str> = case["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(clocks, vec!["business_action", "business_resolution"]);
    assert_eq!(case["overdue"], false);
    let id = case["id"].as_str().unwrap();
    let overdue_cases = || async {
        let coordinator = app.token(Role::Coordinator);
        let request = app.request(Method::GET, "/api/v1/complaints?overdue=true");
        app.send_with(&coordinator, request).await.json()
    };
    assert!(
        overdue_cases().await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    app.clock.advance(Duration::hours(72));
    let listed = overdue_cases().await;
    assert_eq!(listed["items"][0]["id"], id);
    assert_eq!(listed["items"][0]["overdue"], true);
    assert_eq!(listed["items"][0]["clocks"][0]["overdue"], true);
}

#[actix_web::test]
async fn a_request_for_information_pauses_the_clocks_until_the_answer() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000013").await;
    let id = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let asked = moved(
        &app,
        &p.agent,
        &id,
        json!({"action": "request_info", "note": "Order number?"}),
        "with_business",
    )
    .await;
    assert!(
        asked["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["paused"] == true)
    );
    app.clock.advance(Duration::hours(100));
    let consumer = app.consumer_token("01711000013").await;
    let answered = moved(
        &app,
        &consumer,
        &id,
        json!({"action": "provide_info", "note": "BB-1"}),
        "with_business",
    )
    .await;
    assert_eq!(
        answered["overdue"], false,
        "the 100 paused hours do not count"
    );
    let timeline = app
        .send_with(
            &consumer,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}/events")),
        )
        .await
        .json();
    let clock_changes: Vec<String> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "clock")
        .map(|e| {
            format!(
                "{} {}",
                e["detail"]["clock"].as_str().unwrap(),
                e["detail"]["change"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        clock_changes,
        vec![
            "business_action started",
            "business_resolution started",
            "business_action paused",
            "business_resolution paused",
            "business_action resumed",
            "business_resolution resumed",
        ]
    );
}

#[actix_web::test]
async fn dates_outside_what_the_calendar_holds_are_refused_or_clamped_never_a_500() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000014").await;
    let mut ancient = complaint(&p.business_id, "2026-10-25");
    ancient["order_date"] = json!("-200000-01-01");
    let refused = file(&app, &p.consumer, &ancient).await;
    assert_eq!(
        refused.problem(422, "validation_failed")["errors"][0]["code"],
        "date_range"
    );
    for query in [
        "filed_from=0001-01-01",
        "filed_to=0001-01-01",
        "filed_to=9999-12-31",
        "filed_from=-262144-01-01",
    ] {
        let listed = app
            .send_with(
                &p.coordinator,
                app.request(Method::GET, &format!("/api/v1/complaints?{query}")),
            )
            .await;
        assert!(listed.status.as_u16() < 500, "{query}: {}", listed.text);
    }
    let everything = app
        .send_with(
            &p.coordinator,
            app.request(Method::GET, "/api/v1/complaints?filed_from=0001-01-01"),
        )
        .await;
    assert_eq!(everything.json()["items"].as_array().unwrap().len(), 0);
}

#[actix_web::test]
async fn a_note_with_a_nul_character_or_a_stranger_as_officer_is_refused() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000015").await;
    let id = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/complaints/{id}/actions");
    let nul = app
        .send_with(
            &p.agent,
            app.request(Method::POST, &path)
                .json(&json!({"action": "acknowledge", "note": "a\u{0}b"})),
        )
        .await;
    assert_eq!(
        nul.problem(422, "validation_failed")["errors"][0]["field"],
        "note"
    );
    moved(
        &app,
        &p.coordinator,
        &id,
        json!({"action": "escalate"}),
        "escalated",
    )
    .await;
    let stranger = json!({"action": "assign", "officer_id": uuid::Uuid::now_v7()});
    let refused = app
        .send_with(
            &p.coordinator,
            app.request(Method::POST, &path).json(&stranger),
        )
        .await;
    assert_eq!(
        refused.problem(422, "validation_failed")["errors"][0]["code"],
        "not_an_officer_of_the_agency"
    );
}
