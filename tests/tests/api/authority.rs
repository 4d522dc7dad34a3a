//! The DNCRP stage end to end: assignment, hearings, a decision, the ledger down to the
//! complainant's share, referrals by a regulator, the referral packet, and feedback.

use ccms_api::auth::Claims;
use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::fixtures::agency;
use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use super::complaints::{Parties, act, file, parties};

async fn send(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Answer {
    let mut request = app.request(method, path);
    if let Some(body) = body {
        request = request.json(&body);
    }
    app.send_with(token, request).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Answer {
    send(app, token, Method::POST, path, Some(body)).await
}

async fn get(app: &TestApp, token: &str, path: &str) -> Answer {
    send(app, token, Method::GET, path, None).await
}

fn ok(answer: Answer, status: u16) -> Value {
    assert_eq!(answer.status, status, "{}", answer.text);
    answer.json()
}

/// A case the consumer rejected the business's answer to: escalated to DNCRP.
async fn escalated_case(app: &TestApp, p: &Parties, category: &str) -> String {
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["category"] = json!(category);
    let id = ok(file(app, &p.consumer, &body).await, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        act(app, &p.agent, &id, json!({"action": "propose_resolution"})).await,
        200,
    );
    let rejected = ok(
        act(app, &p.consumer, &id, json!({"action": "reject"})).await,
        200,
    );
    assert_eq!(rejected["state"], "escalated");
    id
}

/// The same parties with tokens signed at the app's current time (after the clock moved on).
async fn resigned(app: &TestApp, p: Parties, phone: &str) -> Parties {
    let now = app.clock.now();
    let claims = |sub: &str, role: Role| Claims::new(sub, role, now, Duration::hours(12));
    Parties {
        consumer: app.consumer_token(phone).await,
        agent: app.sign(&Claims {
            business_id: Some(p.business_id.parse().unwrap()),
            ..claims("agent-1", Role::BusinessAgent)
        }),
        officer: app.sign(&Claims {
            agency: Some("DNCRP".into()),
            ..claims(&p.officer_id, Role::Officer)
        }),
        coordinator: app.sign(&claims("coordinator-1", Role::Coordinator)),
        ..p
    }
}

fn at(app: &TestApp, hours: i64) -> String {
    (app.clock.now() + Duration::hours(hours)).to_rfc3339()
}

fn regulator(app: &TestApp, agency: &str) -> String {
    app.sign(&Claims {
        agency: Some(agency.into()),
        ..Claims::new(
            format!("regulator-{agency}"),
            Role::Regulator,
            app.clock.now(),
            Duration::hours(12),
        )
    })
}

#[actix_web::test]
async fn an_upheld_case_runs_from_assignment_to_a_confirmed_complainant_share() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01722000001").await;
    let id = escalated_case(&app, &p, "non_delivery").await;
    let case = format!("/api/v1/complaints/{id}");

    let assigned = ok(
        act(&app, &p.coordinator, &id, json!({"action": "assign"})).await,
        200,
    );
    assert_eq!(
        assigned["assigned_officer"],
        p.officer_id.as_str(),
        "assigned by rule"
    );

    let hearings = format!("{case}/hearings");
    let too_soon = json!({"scheduled_at": at(&app, 24), "mode": "online", "meeting_link": "https://meet.example.gov.bd/x"});
    let problem = post(&app, &p.officer, &hearings, too_soon)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["code"], "too_soon");
    let first = ok(
        post(&app, &p.officer, &hearings, json!({"scheduled_at": at(&app, 96), "mode": "online", "meeting_link": "https://meet.example.gov.bd/x"})).await,
        201,
    );
    let second = ok(
        post(
            &app,
            &p.officer,
            &format!("{hearings}/{}/reschedule", first["id"].as_str().unwrap()),
            json!({"scheduled_at": at(&app, 144), "mode": "in_person", "venue": "DNCRP, Karwan Bazar, Dhaka", "reason": "The business asked for time"}),
        )
        .await,
        201,
    );
    let history = ok(get(&app, &p.consumer, &hearings).await, 200);
    assert_eq!(history[0]["status"], "rescheduled");
    assert_eq!(history[0]["replaced_by"], second["id"]);
    assert_eq!(history[1]["status"], "scheduled");
    assert_eq!(
        ok(get(&app, &p.officer, &case).await, 200)["state"],
        "hearing_scheduled"
    );
    let another =
        json!({"scheduled_at": at(&app, 200), "mode": "in_person", "venue": "DNCRP, Dhaka"});
    post(&app, &p.officer, &hearings, another)
        .await
        .problem(409, "hearing_already_scheduled");
    let record = format!("{hearings}/{}/record", second["id"].as_str().unwrap());
    let minutes = json!({"attendance": ["consumer", "business"], "minutes": "Both parties heard; the business admits the parcel was never sent."});
    post(&app, &p.officer, &record, minutes.clone())
        .await
        .problem(409, "hearing_not_due");
    app.clock.advance(Duration::hours(145));
    let p = resigned(&app, p, "01722000001").await;
    let held = ok(post(&app, &p.officer, &record, minutes).await, 200);
    assert_eq!(held["status"], "held");

    let decision = format!("{case}/decision");
    let too_big = json!({"verdict": "upheld", "fine_poisha": 30_000_001, "reasons": "Goods paid for were never delivered."});
    post(&app, &p.officer, &decision, too_big)
        .await
        .problem(422, "validation_failed");
    let decided = ok(
        post(&app, &p.officer, &decision, json!({"verdict": "upheld", "fine_poisha": 10_000_003, "compensation_poisha": 500_000, "reasons": "Goods paid for were never delivered."})).await,
        201,
    );
    assert!(decided["appeal_until"].as_str().is_some());
    assert_eq!(
        ok(get(&app, &p.officer, &case).await, 200)["outcome"],
        "decided_upheld"
    );

    let ledger = format!("{case}/obligations");
    let lines = ok(get(&app, &p.agent, &ledger).await, 200);
    let line = |lines: &Value, kind: &str| {
        lines
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["kind"] == kind)
            .unwrap()
            .clone()
    };
    let fine = line(&lines, "fine");
    assert_eq!(
        (fine["amount_poisha"].as_i64(), fine["status"].as_str()),
        (Some(10_000_003), Some("owed"))
    );
    let step = |o: &Value| format!("{ledger}/{}/steps", o["id"].as_str().unwrap());

    // The state cannot pay the business's fine; the business pays, DNCRP confirms collection.
    post(
        &app,
        &p.coordinator,
        &step(&fine),
        json!({"step": "pay", "reference": "X"}),
    )
    .await
    .problem(409, "step_not_allowed");
    ok(
        post(
            &app,
            &p.agent,
            &step(&fine),
            json!({"step": "pay", "reference": "TR-2026-77"}),
        )
        .await,
        200,
    );
    let collected = ok(
        post(
            &app,
            &p.coordinator,
            &step(&fine),
            json!({"step": "confirm"}),
        )
        .await,
        200,
    );
    assert_eq!(collected["status"], "confirmed");

    let lines = ok(get(&app, &p.consumer, &ledger).await, 200);
    let share = line(&lines, "complainant_share");
    assert_eq!(
        share["amount_poisha"], 2_500_000,
        "25% of 10 000 003, rounded down"
    );
    assert_eq!(
        (share["payer"].as_str(), share["receiver"].as_str()),
        (Some("state"), Some("consumer"))
    );
    post(
        &app,
        &p.agent,
        &step(&share),
        json!({"step": "pay", "reference": "X"}),
    )
    .await
    .problem(409, "step_not_allowed");
    ok(
        post(
            &app,
            &p.coordinator,
            &step(&share),
            json!({"step": "pay", "reference": "BEFTN-1"}),
        )
        .await,
        200,
    );
    let confirmed = ok(
        post(&app, &p.consumer, &step(&share), json!({"step": "confirm"})).await,
        200,
    );
    assert_eq!(confirmed["status"], "confirmed");

    let compensation = line(&lines, "compensation");
    ok(
        post(
            &app,
            &p.agent,
            &step(&compensation),
            json!({"step": "pay", "reference": "bKash-9"}),
        )
        .await,
        200,
    );
    ok(
        post(
            &app,
            &p.consumer,
            &step(&compensation),
            json!({"step": "confirm"}),
        )
        .await,
        200,
    );

    // Closed, the consumer rates the handling once.
    post(
        &app,
        &p.consumer,
        &format!("{case}/feedback"),
        json!({"rating": 5}),
    )
    .await
    .problem(409, "case_not_closed");
    ok(
        act(&app, &p.officer, &id, json!({"action": "close"})).await,
        200,
    );
    ok(
        post(
            &app,
            &p.consumer,
            &format!("{case}/feedback"),
            json!({"rating": 4, "comment": "Slow, but fair."}),
        )
        .await,
        201,
    );
    post(
        &app,
        &p.consumer,
        &format!("{case}/feedback"),
        json!({"rating": 5}),
    )
    .await
    .problem(409, "already_registered");

    let announced = app
        .store
        .read(|conn| ccms_persistence::outbox::types_for_complaint(conn, id.parse().unwrap()))
        .unwrap();
    for event in [
        "hearing.scheduled",
        "hearing.rescheduled",
        "complaint.decided",
        "obligation.updated",
    ] {
        assert!(
            announced.iter().any(|e| e == event),
            "{event} in {announced:?}"
        );
    }
}

#[actix_web::test]
async fn an_unpaid_obligation_turns_overdue_when_its_due_date_passes() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01722000002").await;
    let id = escalated_case(&app, &p, "non_delivery").await;
    ok(
        act(&app, &p.coordinator, &id, json!({"action": "assign"})).await,
        200,
    );
    let decision = json!({"verdict": "upheld", "compensation_poisha": 100_000, "reasons": "Goods paid for were never delivered."});
    let colleague = app.sign(&Claims {
        agency: Some("DNCRP".into()),
        ..Claims::new(
            "another-officer",
            Role::Officer,
            app.clock.now(),
            Duration::hours(1),
        )
    });
    post(
        &app,
        &colleague,
        &format!("/api/v1/complaints/{id}/decision"),
        decision.clone(),
    )
    .await
    .problem(403, "forbidden");
    ok(
        post(
            &app,
            &p.officer,
            &format!("/api/v1/complaints/{id}/decision"),
            decision,
        )
        .await,
        201,
    );
    app.clock.advance(Duration::days(10));
    let report = ccms_api::worker::DeadlineWorker::new(
        app.store.clone(),
        std::sync::Arc::new(ccms_domain::calendar::Calendar::default()),
    )
    .sweep(app.clock.now())
    .unwrap();
    assert_eq!(report.obligations_overdue, 1);
    let coordinator = app.token(Role::Coordinator);
    let lines = ok(
        get(
            &app,
            &coordinator,
            &format!("/api/v1/complaints/{id}/obligations"),
        )
        .await,
        200,
    );
    assert_eq!(lines[0]["status"], "overdue");
    let announced = app
        .store
        .read(|conn| ccms_persistence::outbox::types_for_complaint(conn, id.parse().unwrap()))
        .unwrap();
    assert!(
        announced.iter().any(|e| e == "obligation.overdue"),
        "{announced:?}"
    );
    let audited = app
        .store
        .read(|conn| ccms_persistence::audit::for_target(conn, "complaint", &id))
        .unwrap();
    assert!(
        audited
            .iter()
            .any(|(action, _)| action == "obligation.overdue")
    );
}

#[actix_web::test]
async fn a_referral_runs_through_its_states_and_other_regulators_get_404() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01722000003").await;
    for code in ["BB", "BTRC"] {
        ok(
            app.post_as(Role::Coordinator, "/api/v1/agencies", &agency(code))
                .await,
            201,
        );
    }
    // Payment problems are referred to Bangladesh Bank by policy when escalated.
    let id = escalated_case(&app, &p, "payment_problem").await;
    let (bb, btrc) = (regulator(&app, "BB"), regulator(&app, "BTRC"));
    get(&app, &btrc, &format!("/api/v1/complaints/{id}"))
        .await
        .problem(404, "not_found");
    let mine = ok(get(&app, &bb, "/api/v1/referrals").await, 200);
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    let referral = mine["items"][0].clone();
    assert_eq!(
        (
            referral["status"].as_str(),
            referral["referred_by"].as_str()
        ),
        (Some("sent"), Some("policy"))
    );
    let path = format!("/api/v1/referrals/{}", referral["id"].as_str().unwrap());
    let steps = format!("{path}/steps");

    assert!(
        ok(get(&app, &btrc, "/api/v1/referrals").await, 200)["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    get(&app, &btrc, &path).await.problem(404, "not_found");
    post(
        &app,
        &btrc,
        &steps,
        json!({"step": "acknowledge", "reference": "BTRC-1"}),
    )
    .await
    .problem(404, "not_found");

    post(&app, &bb, &steps, json!({"step": "accept"}))
        .await
        .problem(409, "step_not_allowed");
    post(&app, &bb, &steps, json!({"step": "acknowledge"}))
        .await
        .problem(422, "validation_failed");
    ok(
        post(
            &app,
            &bb,
            &steps,
            json!({"step": "acknowledge", "reference": "BB/PSD/2026/118"}),
        )
        .await,
        200,
    );
    ok(
        post(&app, &bb, &steps, json!({"step": "accept"})).await,
        200,
    );
    let concluded = ok(
        post(
            &app,
            &bb,
            &steps,
            json!({"step": "conclude", "outcome": "The gateway refunded the consumer."}),
        )
        .await,
        200,
    );
    assert_eq!(concluded["status"], "concluded");
    assert_eq!(concluded["regulator_reference"], "BB/PSD/2026/118");
    post(
        &app,
        &p.coordinator,
        &steps,
        json!({"step": "conclude", "outcome": "x"}),
    )
    .await
    .problem(403, "forbidden");

    // An officer refers the case on to the telecom regulator, once.
    let refer = format!("/api/v1/complaints/{id}/referrals");
    let made = ok(
        post(&app, &p.officer, &refer, json!({"agency_code": "BTRC"})).await,
        201,
    );
    assert_eq!(made["status"], "sent");
    post(&app, &p.officer, &refer, json!({"agency_code": "BTRC"}))
        .await
        .problem(409, "already_registered");
    post(&app, &p.officer, &refer, json!({"agency_code": "NOPE"}))
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        ok(get(&app, &btrc, "/api/v1/referrals").await, 200)["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Referred, the telecom regulator now sees the case and its packet.
    ok(
        get(&app, &btrc, &format!("/api/v1/complaints/{id}")).await,
        200,
    );
    ok(
        get(&app, &btrc, &format!("/api/v1/complaints/{id}/packet")).await,
        200,
    );
}

#[actix_web::test]
async fn the_packet_validates_against_its_schema_and_its_hashes_match_the_stored_files() {
    let evidence_dir = std::env::temp_dir().join(format!("ccms-packet-{}", uuid::Uuid::now_v7()));
    let dir = evidence_dir.clone();
    let app = TestApp::spawn_with(move |s| s.evidence_dir = dir).await;
    let p = parties(&app, "01722000004").await;
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["category"] = json!("non_delivery");
    let id = ok(file(&app, &p.consumer, &body).await, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let png: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 7, 7,
    ];
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(png.to_vec())
            .file_name("receipt.png")
            .mime_str("image/png")
            .unwrap(),
    );
    let upload = app
        .request(Method::POST, &format!("/api/v1/complaints/{id}/evidence"))
        .multipart(form);
    let stored = ok(app.send_with(&p.consumer, upload).await, 201);
    ok(
        act(&app, &p.agent, &id, json!({"action": "propose_resolution"})).await,
        200,
    );
    ok(
        act(&app, &p.consumer, &id, json!({"action": "reject"})).await,
        200,
    );

    let packet = ok(
        get(&app, &p.officer, &format!("/api/v1/complaints/{id}/packet")).await,
        200,
    );
    get(
        &app,
        &p.consumer,
        &format!("/api/v1/complaints/{id}/packet"),
    )
    .await
    .problem(403, "forbidden");

    let audited = app
        .get_as(Role::Auditor, &format!("/api/v1/complaints/{id}/packet"))
        .await
        .json();
    assert_eq!(
        audited["consumer"]["phone"], "+88017*****004",
        "auditors see a masked number"
    );
    assert_eq!(packet["consumer"]["phone"], "+8801722000004");

    let contract = app.get("/api-docs/openapi.json").await.json();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/components/schemas/ReferralPacket",
        "components": contract["components"],
    });
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&packet)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(packet["packet_version"], "1");
    assert_eq!(
        packet["case"]["tracking_number"],
        ok(
            get(&app, &p.officer, &format!("/api/v1/complaints/{id}")).await,
            200
        )["tracking_number"]
    );

    let listed = packet["evidence"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], stored["id"]);
    let bytes = std::fs::read(
        evidence_dir
            .join(&id)
            .join(listed[0]["id"].as_str().unwrap()),
    )
    .unwrap();
    let digest: String =
        sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(&bytes))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
    assert_eq!(listed[0]["sha256"].as_str().unwrap(), digest);
}
