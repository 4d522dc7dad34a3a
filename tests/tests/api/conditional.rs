//! Reads as standard HTTP clients make them: `If-None-Match` answers 304 while a case is
//! unchanged, and `HEAD` works wherever `GET` does.

use ccms_tests::TestApp;
use ccms_tests::fixtures::complaint;
use reqwest::Method;
use serde_json::json;

use super::complaints::{act, file, parties};

#[actix_web::test]
async fn an_unchanged_case_answers_304_and_a_changed_one_its_new_version() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01783000001").await;
    let filed = file(&app, &p.consumer, &complaint(&p.business_id, "2026-10-25")).await;
    let id = filed.json()["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/complaints/{id}");
    let read = app
        .send_with(&p.consumer, app.request(Method::GET, &path))
        .await;
    let etag = read.header("etag").unwrap().to_owned();

    let unchanged = app
        .send_with(
            &p.consumer,
            app.request(Method::GET, &path)
                .header("if-none-match", &etag),
        )
        .await;

    assert_eq!(unchanged.status, 304);
    assert_eq!(unchanged.header("etag"), Some(etag.as_str()));
    assert!(unchanged.text.is_empty());
    let moved = act(&app, &p.agent, &id, json!({"action": "acknowledge"})).await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    let changed = app
        .send_with(
            &p.consumer,
            app.request(Method::GET, &path)
                .header("if-none-match", &etag),
        )
        .await;
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

#[actix_web::test]
async fn head_answers_like_get_without_a_body() {
    let app = TestApp::spawn().await;
    for path in [
        "/api/v1/policy",
        "/api/v1/agencies",
        "/swagger-ui/",
        "/healthz",
    ] {
        let head = app.send(app.request(Method::HEAD, path)).await;
        let get = app.send(app.request(Method::GET, path)).await;
        assert_eq!(head.status, get.status, "{path}");
        assert_eq!(head.status, 200, "{path}");
        assert!(head.text.is_empty(), "{path}");
        assert_eq!(
            head.header("content-type"),
            get.header("content-type"),
            "{path}"
        );
    }
    let missing = app
        .send(app.request(Method::HEAD, "/api/v1/no-such-thing"))
        .await;
    assert_eq!(missing.status, 404);
}
