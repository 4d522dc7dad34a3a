//! A case through every path of the lifecycle, over HTTP, as its real parties.

use ccms_api::auth::Claims;
use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::fixtures::{agency, business, complaint, staff};
use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

/// The parties of one case: a consumer, an agent of the business, a DNCRP officer.
pub(super) struct Parties {
    pub business_id: String,
    /// The DNCRP officer account assignment by rule finds.
    pub officer_id: String,
    pub consumer: String,
    pub agent: String,
    pub officer: String,
    pub coordinator: String,
}

pub(super) async fn parties(app: &TestApp, phone: &str) -> Parties {
    app.post_as(Role::Coordinator, "/api/v1/agencies", &agency("DNCRP"))
        .await;
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    let business_id = shop["id"].as_str().unwrap().to_owned();
    // The officer account that assignment by rule finds (the token below acts as it).
    let mut officer_account = staff("officer", &format!("officer-{phone}@dncrp.gov.bd"));
    officer_account["agency"] = json!("DNCRP");
    let officer_id = app.create_staff(officer_account).await;
    let now = app.clock.now();
    let claims = |sub: &str, role: Role| Claims::new(sub, role, now, Duration::hours(12));
    let agent = Claims {
        business_id: Some(business_id.parse().unwrap()),
        ..claims("agent-1", Role::BusinessAgent)
    };
    let officer = Claims {
        agency: Some("DNCRP".into()),
        ..claims(&officer_id, Role::Officer)
    };
    Parties {
        officer_id: officer_id.clone(),
        consumer: app.consumer_token(phone).await,
        agent: app.sign(&agent),
        officer: app.sign(&officer),
        coordinator: app.sign(&claims("coordinator-1", Role::Coordinator)),
        business_id,
    }
}

pub(super) async fn file(app: &TestApp, token: &str, body: &Value) -> Answer {
    app.send_with(
        token,
        app.request(Method::POST, "/api/v1/complaints").json(body),
    )
    .await
}

pub(super) async fn act(app: &TestApp, token: &str, case: &str, body: Value) -> Answer {
    app.send_with(
        token,
        app.request(Method::POST, &format!("/api/v1/complaints/{case}/actions"))
            .json(&body),
    )
    .await
}

/// Acts and expects the case to land in `state`.
pub(super) async fn moved(
    app: &TestApp,
    token: &str,
    case: &str,
    body: Value,
    state: &str,
) -> Value {
    let answer = act(app, token, case, body).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let view = answer.json();
    assert_eq!(view["state"], state, "{view}");
    view
}

pub(super) fn actions(view: &Value) -> Vec<&str> {
    view["allowed_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

#[actix_web::test]
async fn a_case_resolved_by_the_business_closes_with_its_outcome() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000001").await;
    let filed = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25")).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let case = filed.json();
    assert!(
        case["tracking_number"]
            .as_str()
            .unwrap()
            .starts_with("CCMS-2026-")
    );
    assert_eq!(case["state"], "with_business");
    assert_eq!(case["routing"]["rule"], "business-first");
    assert_eq!(actions(&case), vec!["withdraw"]);
    let id = case["id"].as_str().unwrap();

    let seen_by_agent = app
        .send_with(
            &p.agent,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}")),
        )
        .await
        .json();
    assert_eq!(
        actions(&seen_by_agent),
        vec!["acknowledge", "request_info", "propose_resolution"]
    );
    assert_eq!(seen_by_agent["consumer_phone"], "+88017*****001");

    moved(
        &app,
        &p.agent,
        id,
        json!({"action": "acknowledge"}),
        "with_business",
    )
    .await;
    moved(
        &app,
        &p.agent,
        id,
        json!({"action": "request_info", "note": "Which address?"}),
        "with_business",
    )
    .await;
    moved(
        &app,
        &p.consumer,
        id,
        json!({"action": "provide_info", "note": "House 3, Road 7"}),
        "with_business",
    )
    .await;
    moved(
        &app,
        &p.agent,
        id,
        app.proposal("Full refund in 3 days"),
        "awaiting_consumer",
    )
    .await;
    let resolved = moved(
        &app,
        &p.consumer,
        id,
        json!({"action": "accept"}),
        "resolved",
    )
    .await;
    // Agreed, not yet delivered: no outcome until the case closes (see redress.rs).
    assert_eq!(resolved["outcome"], Value::Null);
    assert_eq!(resolved["offer"]["status"], "accepted");
    let closed = moved(
        &app,
        &p.coordinator,
        id,
        json!({"action": "close"}),
        "closed",
    )
    .await;
    assert_eq!(closed["outcome"], "resolved_by_business");

    let timeline = app
        .send_with(
            &p.consumer,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}/events")),
        )
        .await
        .json();
    let kinds: Vec<&str> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .filter(|kind| *kind != "clock")
        .collect();
    assert_eq!(kinds[..3], ["filed", "routed", "transition"]);
    // Six moves, the offer made and accepted, and the refund owed on the ledger.
    assert_eq!(kinds.len(), 3 + 6 + 3, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "offer").count(), 2);
}

#[actix_web::test]
async fn a_rejected_answer_goes_to_dncrp_which_decides() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000002").await;
    let id = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The officer cannot see the case while the business handles it.
    let hidden = app
        .send_with(
            &p.officer,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}")),
        )
        .await;
    hidden.problem(404, "not_found");

    moved(
        &app,
        &p.agent,
        &id,
        app.proposal("10% voucher"),
        "awaiting_consumer",
    )
    .await;
    moved(
        &app,
        &p.consumer,
        &id,
        json!({"action": "reject", "note": "I want my money back"}),
        "escalated",
    )
    .await;
    moved(
        &app,
        &p.coordinator,
        &id,
        json!({"action": "assign"}),
        "under_investigation",
    )
    .await;
    // Hearings and decisions have endpoints of their own, with their records.
    let elsewhere = act(&app, &p.officer, &id, json!({"action": "schedule_hearing"})).await;
    assert_eq!(
        elsewhere.problem(422, "validation_failed")["errors"][0]["code"],
        "has_own_endpoint"
    );
    let hearing = json!({"scheduled_at": (app.clock.now() + Duration::days(5)).to_rfc3339(), "mode": "online", "meeting_link": "https://meet.example.gov.bd/h"});
    let scheduled = app
        .send_with(
            &p.officer,
            app.request(Method::POST, &format!("/api/v1/complaints/{id}/hearings"))
                .json(&hearing),
        )
        .await;
    assert_eq!(scheduled.status, 201, "{}", scheduled.text);
    let seen = app
        .send_with(
            &p.officer,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}")),
        )
        .await
        .json();
    assert_eq!(seen["state"], "hearing_scheduled");
    assert_eq!(seen["consumer_phone"], "+8801711000002");
    let decision = json!({"verdict": "upheld", "compensation_poisha": 250_000, "reasons": "Refund in 10 days"});
    let decided = app
        .send_with(
            &p.officer,
            app.request(Method::POST, &format!("/api/v1/complaints/{id}/decision"))
                .json(&decision),
        )
        .await;
    assert_eq!(decided.status, 201, "{}", decided.text);
    let decided = app
        .send_with(
            &p.officer,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}")),
        )
        .await
        .json();
    assert_eq!(decided["outcome"], "decided_upheld");
    moved(&app, &p.officer, &id, json!({"action": "close"}), "closed").await;
}

#[actix_web::test]
async fn a_consumer_withdraws_and_then_nothing_more_can_happen() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000003").await;
    let id = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let withdrawn = moved(
        &app,
        &p.consumer,
        &id,
        json!({"action": "withdraw"}),
        "withdrawn",
    )
    .await;
    assert_eq!(withdrawn["outcome"], "withdrawn");
    assert!(actions(&withdrawn).is_empty());
    let wrong = act(&app, &p.agent, &id, app.proposal("A refund")).await;
    assert_eq!(
        wrong.problem(409, "move_not_allowed")["allowed_actions"],
        json!([])
    );
}

#[actix_web::test]
async fn an_inadmissible_complaint_names_its_rule_and_source() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000004").await;
    let late = file(&app, &p.consumer, &complaint(&p.business_id, "2026-09-20")).await;
    let problem = late.problem(422, "filing_window_expired");
    assert!(problem["legal_source"].as_str().unwrap().contains("s.60"));
    let mut unknown = complaint(&p.business_id, "2026-10-25");
    unknown["business_id"] = json!(uuid::Uuid::now_v7());
    file(&app, &p.consumer, &unknown)
        .await
        .problem(422, "business_not_registered");
    let suspended = app
        .post_as(
            Role::Coordinator,
            "/api/v1/businesses",
            &business().suspended().json(),
        )
        .await
        .json();
    let against = complaint(suspended["id"].as_str().unwrap(), "2026-10-25");
    file(&app, &p.consumer, &against)
        .await
        .problem(422, "business_suspended");
}

#[actix_web::test]
async fn the_same_order_twice_points_to_the_open_case() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000005").await;
    let body = complaint(&p.business_id, "2026-10-25");
    let first = file(&app, &p.consumer, &body).await.json();
    let again = file(&app, &p.consumer, &body).await;
    let problem = again.problem(409, "duplicate_complaint");
    assert_eq!(
        problem["existing"]["tracking_number"],
        first["tracking_number"]
    );
    // Once that case is withdrawn, the same order can be filed again.
    moved(
        &app,
        &p.consumer,
        first["id"].as_str().unwrap(),
        json!({"action": "withdraw"}),
        "withdrawn",
    )
    .await;
    assert_eq!(file(&app, &p.consumer, &body).await.status, 201);
}

#[actix_web::test]
async fn a_closed_resolution_reopens_within_thirty_days_only() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000006").await;
    let file_and_close = || async {
        let id = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
            .await
            .json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        moved(
            &app,
            &p.agent,
            &id,
            app.proposal("A refund"),
            "awaiting_consumer",
        )
        .await;
        moved(
            &app,
            &p.consumer,
            &id,
            json!({"action": "accept"}),
            "resolved",
        )
        .await;
        moved(
            &app,
            &p.coordinator,
            &id,
            json!({"action": "close"}),
            "closed",
        )
        .await;
        id
    };
    let first = file_and_close().await;
    let second = file_and_close().await;
    app.clock.advance(Duration::days(29));
    let consumer = app.consumer_token("01711000006").await;
    moved(
        &app,
        &consumer,
        &first,
        json!({"action": "reopen", "note": "Refund never came"}),
        "escalated",
    )
    .await;
    app.clock.advance(Duration::days(2));
    let consumer = app.consumer_token("01711000006").await;
    let late = act(&app, &consumer, &second, json!({"action": "reopen"})).await;
    late.problem(409, "move_not_allowed");
}

#[actix_web::test]
async fn prohibited_products_go_straight_to_the_authority_and_its_officers_see_them() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000007").await;
    let mut body = complaint(&p.business_id, "2026-10-25");
    body["category"] = json!("prohibited_product");
    let case = file(&app, &p.consumer, &body).await.json();
    assert_eq!(case["state"], "escalated");
    assert_eq!(case["routing"]["first_handler"], "agency");
    let listed = app
        .send_with(&p.officer, app.request(Method::GET, "/api/v1/complaints"))
        .await
        .json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn a_partner_files_for_its_customer_who_then_sees_the_case() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000008").await;
    let now = app.clock.now();
    // The shop's own client: a partner files only against its own marketplace and sellers.
    let partner = app.sign(&Claims {
        business_id: p.business_id.parse().ok(),
        ..Claims::new("market-client", Role::Partner, now, Duration::hours(1))
    });
    let mut body = complaint(&p.business_id, "2026-10-25");
    body["consumer_phone"] = json!("01811000009");
    let unkeyed = file(&app, &partner, &body).await;
    assert_eq!(
        unkeyed.problem(400, "invalid_parameter")["errors"][0]["field"],
        "Idempotency-Key"
    );
    let filed = app
        .send_with(
            &partner,
            app.request(Method::POST, "/api/v1/complaints")
                .header("idempotency-key", "push-1")
                .json(&body),
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    assert_eq!(filed.json()["channel"], "partner");
    let customer = app.consumer_token("+8801811000009").await;
    let mine = app
        .send_with(&customer, app.request(Method::GET, "/api/v1/complaints"))
        .await
        .json();
    assert_eq!(
        mine["items"][0]["tracking_number"],
        filed.json()["tracking_number"]
    );
    let pushed = app
        .send_with(&partner, app.request(Method::GET, "/api/v1/complaints"))
        .await
        .json();
    assert_eq!(pushed["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn internal_notes_are_hidden_from_the_parties() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01711000010").await;
    let id = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25"))
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/complaints/{id}/messages");
    let note = app
        .send_with(
            &p.coordinator,
            app.request(Method::POST, &path)
                .json(&json!({"text": "Known repeat offender", "internal": true})),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.text);
    let message = app
        .send_with(
            &p.agent,
            app.request(Method::POST, &path)
                .json(&json!({"text": "We are checking"})),
        )
        .await;
    assert_eq!(message.status, 201);
    app.send_with(
        &p.consumer,
        app.request(Method::POST, &path)
            .json(&json!({"text": "x", "internal": true})),
    )
    .await
    .problem(403, "forbidden");
    let events = format!("/api/v1/complaints/{id}/events");
    let for_consumer = app
        .send_with(&p.consumer, app.request(Method::GET, &events))
        .await
        .text;
    assert!(for_consumer.contains("We are checking") && !for_consumer.contains("repeat offender"));
    let for_staff = app
        .send_with(&p.coordinator, app.request(Method::GET, &events))
        .await
        .text;
    assert!(for_staff.contains("repeat offender"));
    // The 201 carries the message's place in the timeline, as the timeline shows it.
    let seq = message.json()["seq"].as_i64().unwrap();
    let timeline: serde_json::Value = serde_json::from_str(&for_staff).unwrap();
    let listed = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["detail"]["text"] == "We are checking")
        .unwrap()["seq"]
        .as_i64();
    assert!(seq > 0);
    assert_eq!(listed, Some(seq));
}
