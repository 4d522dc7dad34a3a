//! Every header a client may rely on is declared in the contract on the response that sends it:
//! a case walked through as a partner and a consumer, each answer's headers looked up on its
//! operation and status.

use std::collections::BTreeSet;

use ccms_domain::access::Role;
use ccms_tests::fixtures::{business, complaint};
use ccms_tests::{Answer, TestApp};
use reqwest::Method;
use serde_json::Value;

/// The headers integrators act on (`Cache-Control`, `Vary` and the like are left to HTTP).
const WATCHED: [&str; 8] = [
    "etag",
    "location",
    "retry-after",
    "idempotency-replayed",
    "x-request-id",
    "ratelimit",
    "ratelimit-policy",
    "www-authenticate",
];

/// The watched headers of `answer` the contract does not declare for `method template status`.
fn undeclared(doc: &Value, method: &str, template: &str, answer: &Answer) -> Vec<String> {
    let status = answer.status.as_u16().to_string();
    let declared: BTreeSet<String> =
        doc["paths"][template][method]["responses"][&status]["headers"]
            .as_object()
            .into_iter()
            .flat_map(|headers| headers.keys())
            .map(|name| name.to_ascii_lowercase())
            .collect();
    WATCHED
        .iter()
        .filter(|name| answer.headers.contains_key(**name) && !declared.contains(**name))
        .map(|name| format!("{method} {template} {status}: {name}"))
        .collect()
}

#[actix_web::test]
async fn each_header_the_server_sends_is_declared_on_the_answer_that_sends_it() {
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    let app = TestApp::spawn_with(|s| s.partner_requests_per_minute = 3).await;
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    let partner = app.partner_token("header-client", shop["id"].as_str().unwrap());
    let mut body = complaint(shop["id"].as_str().unwrap(), "2026-10-25");
    body["consumer_phone"] = "01811000077".into();
    let push = || {
        app.request(Method::POST, "/api/v1/complaints")
            .header("idempotency-key", "order-55-push")
            .json(&body)
    };
    let filed = app.send_with(&partner, push()).await;
    let replayed = app.send_with(&partner, push()).await;
    let id = filed.json()["id"].as_str().unwrap().to_owned();
    let read = app
        .send_with(
            &partner,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}")),
        )
        .await;
    let limited = app
        .send_with(&partner, app.request(Method::GET, "/api/v1/complaints"))
        .await;
    let anonymous = app.get("/api/v1/complaints").await;
    let statuses = [&filed, &replayed, &read, &limited, &anonymous].map(|a| a.status.as_u16());
    assert_eq!(statuses, [201, 201, 200, 429, 401]);

    let answers = [
        ("post", "/api/v1/complaints", &filed),
        ("post", "/api/v1/complaints", &replayed),
        ("get", "/api/v1/complaints/{key}", &read),
        ("get", "/api/v1/complaints", &limited),
        ("get", "/api/v1/complaints", &anonymous),
    ];
    let missing: Vec<String> = answers
        .iter()
        .flat_map(|(method, template, answer)| undeclared(&doc, method, template, answer))
        .collect();
    assert!(missing.is_empty(), "sent but not declared: {missing:#?}");
    // The walk saw every watched header, so the check above covered each one.
    let seen: BTreeSet<&str> = answers
        .iter()
        .flat_map(|(_, _, answer)| {
            WATCHED
                .into_iter()
                .filter(|h| answer.headers.contains_key(*h))
        })
        .collect();
    assert_eq!(seen.len(), WATCHED.len(), "seen only {seen:?}");
}
