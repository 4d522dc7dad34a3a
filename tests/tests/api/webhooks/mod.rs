//! Webhooks against a real receiver on loopback: subscriptions, signatures a Standard Webhooks
//! library verifies, retries and the delivery log, replay, the address guard, a crash between
//! commit and delivery, several dispatchers at once, and consumer notices.

mod crashes;
mod delivery;
mod email;
mod notices;
mod subscriptions;

use ccms_api::dispatch::Allowance;
use ccms_tests::TestApp;
use serde_json::{Value, json};

use super::authority::{get, ok, post};
use super::complaints::{Parties, file, parties};

/// An app whose subscriptions may point at the tests' loopback receivers.
pub(super) async fn loopback_app() -> TestApp {
    TestApp::spawn_with(|s| s.delivery.webhook_allow = vec![Allowance::Http, Allowance::Loopback])
        .await
}

/// Subscribes the business of `p` to `types` at `url`; the subscription's id and secret.
pub(super) async fn subscribe(
    app: &TestApp,
    token: &str,
    url: &str,
    types: &[&str],
) -> (String, String) {
    let answer = post(
        app,
        token,
        "/api/v1/subscriptions",
        json!({ "url": url, "event_types": types }),
    )
    .await;
    let location = answer.header("location").map(str::to_owned);
    let created = ok(answer, 201);
    let id = created["subscription"]["id"].as_str().unwrap().to_owned();
    // The 201 names where the subscription is read.
    assert_eq!(location, Some(format!("/api/v1/subscriptions/{id}")));
    (id, created["secret"].as_str().unwrap().to_owned())
}

/// Files a case against the business of `p`; its id.
pub(super) async fn filed(app: &TestApp, p: &Parties) -> String {
    use ccms_api::clock::Clock;
    let incident = (app.clock.now() - chrono::Duration::days(3))
        .date_naive()
        .to_string();
    let body = ccms_tests::fixtures::complaint(&p.business_id, &incident);
    ok(file(app, &p.consumer, &body).await, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The delivery log of a subscription, as its owner reads it.
pub(super) async fn log(app: &TestApp, token: &str, subscription: &str) -> Vec<Value> {
    let page = ok(
        get(
            app,
            token,
            &format!("/api/v1/subscriptions/{subscription}/deliveries"),
        )
        .await,
        200,
    );
    page["items"].as_array().unwrap().clone()
}

pub(super) async fn setup(phone: &str) -> (TestApp, Parties) {
    let app = loopback_app().await;
    let p = parties(&app, phone).await;
    (app, p)
}

/// Asserts every delivered body matches its event's payload schema in the served contract.
pub(super) async fn assert_conforms(app: &TestApp, received: &[ccms_tests::receiver::Received]) {
    let contract = app.get("/api-docs/openapi.json").await.json();
    assert!(
        contract["webhooks"].is_object(),
        "the contract has a webhooks section"
    );
    for request in received {
        let body = request.json();
        let name = ccms_api::webhooks::contract::event_schema_name(body["type"].as_str().unwrap());
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": format!("#/components/schemas/{name}"),
            "components": contract["components"],
        });
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?} in {body}");
    }
}
