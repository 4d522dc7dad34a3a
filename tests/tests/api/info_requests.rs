//! A business may ask the consumer for information only as often as the policy says, since each
//! request pauses its clocks.

use ccms_tests::TestApp;
use ccms_tests::fixtures::complaint;
use serde_json::json;

use super::complaints::{act, file, parties};

#[actix_web::test]
async fn a_business_asks_for_information_twice_and_the_third_request_is_refused() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01782000001").await;
    let filed = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25")).await;
    let id = filed.json()["id"].as_str().unwrap().to_owned();
    for _ in 0..2 {
        let asked = act(
            &app,
            &p.agent,
            &id,
            json!({"action": "request_info", "note": "Which order?"}),
        )
        .await;
        assert_eq!(asked.status, 200, "{}", asked.text);
        assert_eq!(asked.json()["waiting_on_consumer"], true);
        let answered = act(
            &app,
            &p.consumer,
            &id,
            json!({"action": "provide_info", "note": "Order 77"}),
        )
        .await;
        assert_eq!(answered.status, 200, "{}", answered.text);
    }

    let third = act(&app, &p.agent, &id, json!({"action": "request_info"})).await;

    let problem = third.problem(409, "move_not_allowed");
    assert_eq!(
        problem["allowed_actions"],
        json!(["acknowledge", "propose_resolution"])
    );
    let read = app
        .send_with(
            &p.agent,
            app.request(reqwest::Method::GET, &format!("/api/v1/complaints/{id}")),
        )
        .await
        .json();
    assert_eq!(read["waiting_on_consumer"], false);
    assert!(
        !read["allowed_actions"]
            .as_array()
            .unwrap()
            .contains(&json!("request_info"))
    );
}
