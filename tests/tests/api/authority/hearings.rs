//! A hearing cancelled: the case goes back under investigation, and the consumer is told.

use ccms_persistence::notifications;
use ccms_tests::TestApp;
use serde_json::json;

use super::super::complaints::{act, parties};
use super::{at, escalated_case, get, ok, post};

#[actix_web::test]
async fn a_cancelled_hearing_sends_the_case_back_under_investigation_and_tells_the_consumer() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01722000061").await;
    let id = escalated_case(&app, &p, "non_delivery").await;
    let case = format!("/api/v1/complaints/{id}");
    ok(
        act(&app, &p.coordinator, &id, json!({"action": "assign"})).await,
        200,
    );
    let hearing = ok(
        post(&app, &p.officer, &format!("{case}/hearings"), json!({"scheduled_at": at(&app, 96), "mode": "online", "meeting_link": "https://meet.example.gov.bd/x"})).await,
        201,
    );
    let cancel = format!("{case}/hearings/{}/cancel", hearing["id"].as_str().unwrap());
    // The case's own move is made at the hearing's endpoint, never through /actions.
    act(&app, &p.officer, &id, json!({"action": "cancel_hearing"}))
        .await
        .problem(422, "validation_failed");
    app.dispatch().await;

    let cancelled = ok(
        post(
            &app,
            &p.officer,
            &cancel,
            json!({"reason": "The officer is on leave"}),
        )
        .await,
        200,
    );

    assert_eq!(cancelled["status"], "cancelled");
    let read = ok(get(&app, &p.consumer, &case).await, 200);
    assert_eq!(read["state"], "under_investigation");
    let events = ok(get(&app, &p.consumer, &format!("{case}/events")).await, 200);
    let moves: Vec<_> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "transition")
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["to_state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moves.last(),
        Some(&("cancel_hearing", "under_investigation"))
    );
    app.dispatch().await;
    let told = app
        .store
        .read(|c| notifications::to_recipient(c, "+8801722000061"))
        .unwrap();
    assert!(
        told.iter().any(|n| n.text.subject == "Hearing cancelled"),
        "{:?}",
        told.iter().map(|n| &n.text.subject).collect::<Vec<_>>()
    );
    // A new hearing can be set for the case that is back under investigation.
    ok(
        post(
            &app,
            &p.officer,
            &format!("{case}/hearings"),
            json!({"scheduled_at": at(&app, 120), "mode": "in_person", "venue": "DNCRP, Dhaka"}),
        )
        .await,
        201,
    );
    assert_eq!(
        ok(get(&app, &p.officer, &case).await, 200)["state"],
        "hearing_scheduled"
    );
}
