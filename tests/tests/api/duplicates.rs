//! Likely re-filings flagged at intake for coordinators (and only for them), and a re-filing
//! merged into its original: closed as `duplicate`, counted once.

use ccms_persistence::notifications;
use ccms_tests::TestApp;
use ccms_tests::fixtures::complaint;
use serde_json::{Value, json};

use crate::authority::{get, ok, post};
use crate::complaints::{act, file, parties};

async fn filed(app: &TestApp, token: &str, body: &Value) -> Value {
    ok(file(app, token, body).await, 201)
}

#[actix_web::test]
async fn the_same_order_from_another_phone_is_flagged_for_coordinators_only() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01790000001").await;
    let first = complaint(&p.business_id, "2026-10-25");
    let original = filed(&app, &p.consumer, &first).await;
    assert_eq!(original["possible_duplicate_of"], Value::Null);
    let other = app.consumer_token("01790000002").await;
    let again = filed(&app, &other, &first).await;
    let id = again["id"].as_str().unwrap();
    assert_eq!(
        again["possible_duplicate_of"],
        Value::Null,
        "not shown to the consumer"
    );
    let case = format!("/api/v1/complaints/{id}");
    let seen = ok(get(&app, &p.coordinator, &case).await, 200);
    assert_eq!(seen["possible_duplicate_of"], original["id"]);
    assert_eq!(
        ok(get(&app, &p.agent, &case).await, 200)["possible_duplicate_of"],
        Value::Null
    );

    let flagged = ok(
        get(
            &app,
            &p.coordinator,
            "/api/v1/complaints?possible_duplicate=true",
        )
        .await,
        200,
    );
    let ids: Vec<&Value> = flagged["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(ids, vec![&again["id"]]);
    get(&app, &other, "/api/v1/complaints?possible_duplicate=true")
        .await
        .problem(400, "invalid_parameter");

    // The same consumer again without an order reference, within the window: flagged too.
    let mut bare = complaint(&p.business_id, "2026-10-26");
    bare.as_object_mut().unwrap().remove("order_reference");
    let refiled = filed(&app, &p.consumer, &bare).await;
    let refiled = ok(
        get(
            &app,
            &p.coordinator,
            &format!("/api/v1/complaints/{}", refiled["id"].as_str().unwrap()),
        )
        .await,
        200,
    );
    assert_eq!(refiled["possible_duplicate_of"], original["id"]);
}

#[actix_web::test]
async fn a_merged_refiling_closes_as_duplicate_is_told_and_counts_once() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01790000003").await;
    let body = complaint(&p.business_id, "2026-10-25");
    let original = filed(&app, &p.consumer, &body).await;
    let other = app.consumer_token("01790000004").await;
    let again = filed(&app, &other, &body).await;
    let (original_id, id) = (
        original["id"].as_str().unwrap(),
        again["id"].as_str().unwrap(),
    );
    let merge = |into: &str| json!({"into": into});
    let path = format!("/api/v1/complaints/{id}/merge");

    post(&app, &p.agent, &path, merge(original_id))
        .await
        .problem(403, "forbidden");
    let rule = |answer: ccms_tests::Answer| {
        answer.problem(422, "validation_failed")["errors"][0]["code"].clone()
    };
    assert_eq!(
        rule(post(&app, &p.coordinator, &path, merge(id)).await),
        "merge_into_itself"
    );
    assert_eq!(
        rule(post(&app, &p.coordinator, &path, merge("CCMS-2026-999999")).await),
        "unknown_case"
    );
    let elsewhere = parties(&app, "01790000005").await;
    let foreign = filed(
        &app,
        &elsewhere.consumer,
        &complaint(&elsewhere.business_id, "2026-10-25"),
    )
    .await;
    let foreign = foreign["tracking_number"].as_str().unwrap();
    assert_eq!(
        rule(post(&app, &p.coordinator, &path, merge(foreign)).await),
        "merge_other_business"
    );
    act(&app, &p.coordinator, id, json!({"action": "merge"}))
        .await
        .problem(422, "validation_failed");

    let tracking = original["tracking_number"].as_str().unwrap();
    let merged = ok(
        post(&app, &p.coordinator, &path, merge(tracking)).await,
        200,
    );
    assert_eq!(
        (
            merged["state"].as_str(),
            merged["outcome"].as_str(),
            &merged["merged_into"]
        ),
        (Some("closed"), Some("duplicate"), &original["id"])
    );
    let third = filed(&app, &app.consumer_token("01790000006").await, &body).await;
    let third_path = format!("/api/v1/complaints/{}/merge", third["id"].as_str().unwrap());
    assert_eq!(
        rule(post(&app, &p.coordinator, &third_path, merge(id)).await),
        "merge_not_an_original"
    );

    app.dispatch().await;
    let told = app
        .store
        .read(|c| notifications::to_recipient(c, "+8801790000004"))
        .unwrap();
    assert!(
        told.iter().any(|n| n.text.subject == "Complaint closed"),
        "{told:?}"
    );

    let rows = app
        .get(&format!(
            "/api/v1/public/complaints?business_id={}&limit=100",
            p.business_id
        ))
        .await
        .json();
    assert_eq!(
        rows["items"].as_array().unwrap().len(),
        2,
        "the original and the third"
    );
    let card = app
        .get(&format!("/api/v1/public/scorecards/{}", p.business_id))
        .await
        .json();
    assert_eq!(card["received"], 2);
}
