//! A consumer who judged a decided case unresolved asks for a review; a second officer (never
//! the one who decided) varies the decision, which supersedes the earlier outcome.

use ccms_api::auth::Claims;
use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::staff;
use chrono::Duration;
use serde_json::{Value, json};

use super::super::complaints::{act, parties};
use super::{escalated_case, get, ok, post};

#[actix_web::test]
async fn a_second_officer_varies_a_dismissal_and_the_new_outcome_and_its_compensation_stand() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01791000001").await;
    let id = escalated_case(&app, &p, "non_delivery").await;
    ok(
        act(&app, &p.coordinator, &id, json!({"action": "assign"})).await,
        200,
    );
    let case = format!("/api/v1/complaints/{id}");
    let dismissal = json!({"verdict": "dismissed", "reasons": "No proof of payment."});
    ok(
        post(&app, &p.officer, &format!("{case}/decision"), dismissal).await,
        201,
    );
    ok(
        act(&app, &p.officer, &id, json!({"action": "close"})).await,
        200,
    );

    let review = format!("{case}/review");
    let reason = json!({"reason": "I sent the bKash receipt; nobody looked at it."});
    post(&app, &p.consumer, &review, reason.clone())
        .await
        .problem(409, "no_ground_for_review");
    let verdict = json!({"resolved": false, "rating": 1});
    ok(
        post(&app, &p.consumer, &format!("{case}/feedback"), verdict).await,
        201,
    );
    // The only officer decided the case: nobody else can review it yet.
    post(&app, &p.consumer, &review, reason.clone())
        .await
        .problem(409, "no_officer_available");
    let mut second = staff("officer", "second-officer@dncrp.gov.bd");
    second["agency"] = json!("DNCRP");
    let second = app.create_staff(second).await;
    post(&app, &p.agent, &review, reason.clone())
        .await
        .problem(403, "forbidden");
    let asked = ok(post(&app, &p.consumer, &review, reason.clone()).await, 201);
    assert_eq!(asked["reviewer"], json!(second));
    assert_eq!(asked["earlier_outcome"], "decided_dismissed");
    let due: chrono::DateTime<chrono::Utc> = asked["due_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(due - app.clock.now(), Duration::days(30));
    post(&app, &p.consumer, &review, reason)
        .await
        .problem(409, "already_registered");

    // The reviewer's clock: past it, the agency is told once.
    let now = app.clock.now();
    app.clock.advance(due - now - Duration::seconds(1));
    assert_eq!(crate::deadlines::sweep(&app).reviews_overdue, 0);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(crate::deadlines::sweep(&app).reviews_overdue, 1);
    assert_eq!(crate::deadlines::sweep(&app).reviews_overdue, 0, "once");
    let p = super::resigned(&app, p, "01791000001").await;

    let varied = json!({"result": "varied", "outcome": "decided_upheld",
        "compensation_poisha": 300_000, "reasons": "The receipt proves the payment."});
    let decision = format!("{review}/decision");
    post(&app, &p.officer, &decision, varied.clone())
        .await
        .problem(403, "forbidden");
    let reviewer = app.sign(&Claims {
        agency: Some("DNCRP".into()),
        ..Claims::new(&second, Role::Officer, app.clock.now(), Duration::hours(1))
    });
    let no_outcome = json!({"result": "varied", "reasons": "x"});
    post(&app, &reviewer, &decision, no_outcome)
        .await
        .problem(422, "validation_failed");
    let decided = ok(post(&app, &reviewer, &decision, varied.clone()).await, 200);
    assert_eq!(
        (&decided["result"], &decided["outcome"]),
        (&json!("varied"), &json!("decided_upheld"))
    );
    post(&app, &reviewer, &decision, varied)
        .await
        .problem(409, "step_not_allowed");

    let now = ok(get(&app, &p.consumer, &case).await, 200);
    assert_eq!(
        (now["state"].as_str(), now["outcome"].as_str()),
        (Some("closed"), Some("decided_upheld"))
    );
    let ledger = ok(
        get(&app, &p.consumer, &format!("{case}/obligations")).await,
        200,
    );
    assert!(
        ledger
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["kind"] == "compensation" && o["amount_poisha"] == 300_000),
        "{ledger}"
    );
    let events = ok(get(&app, &p.consumer, &format!("{case}/events")).await, 200);
    let reviews: Vec<&Value> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "review")
        .collect();
    assert_eq!(reviews.len(), 2, "asked, then decided");
    let packet = ok(get(&app, &p.officer, &format!("{case}/packet")).await, 200);
    assert_eq!(packet["review"]["earlier_outcome"], "decided_dismissed");
    assert_eq!(
        packet["decision"]["verdict"], "dismissed",
        "the earlier decision stays on record"
    );
}
