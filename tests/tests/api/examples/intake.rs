//! The request examples of assisted intake, sent in the walk through every example: the demo
//! operator reads out the walk's first case to its caller, offers the example's code for a case
//! the operator filed (a code only the caller's SMS gives: 401), and the SMS gateway's example,
//! signed with the development secret, is answered.

use ccms_api::clock::Clock;
use ccms_api::intake::DEVELOPMENT_INBOUND_SECRET;
use ccms_tests::TestApp;
use ccms_usecases::dispatch::SigningSecret;
use reqwest::Method;
use serde_json::json;

use super::{Contract, send};

pub(super) async fn send_examples(app: &TestApp, c: &mut Contract) {
    let operator = app
        .login("operator@ccms.test", "ccms-demo-intake_operator")
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let read = send(
        app,
        c,
        Some(&operator),
        (
            Method::POST,
            "/api/v1/intake/status",
            "/api/v1/intake/status",
        ),
    )
    .await;
    assert!(read.json()["state_bn"].is_string(), "{}", read.text);

    let today = app.clock.now().date_naive().to_string();
    let marketplace = ccms_api::openapi::examples::DEMO_MARKETPLACE_ID;
    let mut body = ccms_tests::fixtures::complaint(marketplace, &today);
    body["consumer_phone"] = json!("01712345678");
    let filed = app
        .send_with(
            &operator,
            app.request(Method::POST, "/api/v1/complaints").json(&body),
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let path = format!(
        "/api/v1/complaints/{}/confirmation",
        filed.json()["id"].as_str().unwrap()
    );
    let template = ccms_api::openapi::examples::NEEDS_THE_SMS_CODE[0];
    let example = c.example(&Method::POST, template);
    let refused = app
        .send_with(&operator, app.request(Method::POST, &path).json(&example))
        .await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(refused.json()["errors"][0]["code"], "wrong_code");

    let template = ccms_api::openapi::examples::SIGNED_BY_THE_GATEWAY[0];
    let example = c.example(&Method::POST, template);
    let body = example.to_string();
    let unsigned = app
        .send(
            app.request(Method::POST, template)
                .header("content-type", "application/json")
                .body(body.clone()),
        )
        .await;
    assert_eq!(unsigned.status, 401, "{}", unsigned.text);
    let secret = SigningSecret::from_encoded(DEVELOPMENT_INBOUND_SECRET).unwrap();
    let at = app.clock.now().timestamp();
    let signed = app
        .send(
            app.request(Method::POST, template)
                .header("content-type", "application/json")
                .header("webhook-id", "msg_example")
                .header("webhook-timestamp", at.to_string())
                .header("webhook-signature", secret.sign("msg_example", at, &body))
                .body(body),
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.text);
    assert_eq!(signed.json()["outcome"], "done", "{}", signed.text);
}
