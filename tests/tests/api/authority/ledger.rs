//! An escalated case heard, decided, and its ledger settled down to the complainant's share.

use ccms_api::auth::Claims;
use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use chrono::Duration;
use serde_json::{Value, json};

use super::super::complaints::{act, parties};

use super::{at, escalated_case, get, ok, post, resigned};

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
    let answer = post(&app, &p.officer, &decision, json!({"verdict": "upheld", "fine_poisha": 10_000_003, "compensation_poisha": 500_000, "reasons": "Goods paid for were never delivered."})).await;
    let location = answer.header("location").map(str::to_owned);
    let decided = ok(answer, 201);
    // The 201 names where the decision is read.
    let read = ok(get(&app, &p.consumer, &location.unwrap()).await, 200);
    assert_eq!(read["verdict"], "upheld");
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
        json!({"resolved": true, "rating": 5}),
    )
    .await
    .problem(409, "case_not_closed");
    ok(
        act(&app, &p.officer, &id, json!({"action": "close"})).await,
        200,
    );
    let rated = post(
        &app,
        &p.consumer,
        &format!("{case}/feedback"),
        json!({"resolved": true, "rating": 4, "comment": "Slow, but fair."}),
    )
    .await;
    assert_eq!(
        rated.header("location"),
        Some(format!("{case}/feedback").as_str())
    );
    ok(rated, 201);
    post(
        &app,
        &p.consumer,
        &format!("{case}/feedback"),
        json!({"resolved": true, "rating": 5}),
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
        std::sync::Arc::new(ccms_api::calendar::CalendarBook::default()),
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
