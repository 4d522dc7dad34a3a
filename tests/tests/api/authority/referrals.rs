//! Referrals to regulators: each regulator works its own agency's, and sees no other.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::agency;
use serde_json::json;

use super::super::complaints::parties;

use super::{escalated_case, get, ok, post, regulator};

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
    let answer = post(&app, &p.officer, &refer, json!({"agency_code": "BTRC"})).await;
    let location = answer.header("location").map(str::to_owned);
    let made = ok(answer, 201);
    assert_eq!(
        location,
        Some(format!(
            "/api/v1/referrals/{}",
            made["id"].as_str().unwrap()
        ))
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
