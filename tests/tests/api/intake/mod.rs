//! Assisted intake and SMS both ways, over HTTP: an operator files for a caller, the caller
//! confirms by the SMS code, answers the business by SMS, and the hotline reads out a status.
//! The SMS gateway is a real receiver (`Receiver`); what consumers text arrives signed, as a
//! gateway posts it.

mod abuse;
mod codes;
mod end_to_end;
mod read_out;
mod signature;
mod unverified;

use ccms_api::clock::Clock;
use ccms_api::intake::DEVELOPMENT_INBOUND_SECRET;
use ccms_tests::fixtures::{complaint, staff};
use ccms_tests::receiver::Receiver;
use ccms_tests::{Answer, TestApp};
use ccms_usecases::dispatch::SigningSecret;
use reqwest::Method;
use serde_json::{Value, json};

use crate::complaints::{Parties, parties};

/// A case's parties and a hotline operator of DNCRP.
pub(super) struct Desk {
    pub p: Parties,
    pub operator: String,
    pub operator_id: String,
    pub operator_email: String,
}

pub(super) async fn desk(app: &TestApp, phone: &str) -> Desk {
    let p = parties(app, phone).await;
    let operator_email = format!("hotline-{phone}@dncrp.gov.bd");
    let mut account = staff("intake_operator", &operator_email);
    account["agency"] = json!("DNCRP");
    account["office"] = json!("Hotline 16121");
    let operator_id = app.create_staff(account).await;
    let login = app
        .login(&operator_email, ccms_tests::fixtures::STAFF_PASSWORD)
        .await;
    assert_eq!(login.status, 200, "{}", login.text);
    Desk {
        operator: login.json()["access_token"].as_str().unwrap().to_owned(),
        operator_id,
        operator_email,
        p,
    }
}

/// The operator files for the caller at `phone`, on the hotline.
pub(super) async fn file_for(app: &TestApp, desk: &Desk, phone: &str) -> Answer {
    let mut body = complaint(&desk.p.business_id, "2026-10-25");
    body["consumer_phone"] = json!(phone);
    body["channel"] = json!("hotline");
    body["notify_language"] = json!("bn");
    app.send_with(
        &desk.operator,
        app.request(Method::POST, "/api/v1/complaints").json(&body),
    )
    .await
}

/// What a consumer texts CCMS, posted by the gateway as message `id`, signed now.
pub(super) async fn text(app: &TestApp, (id, from): (&str, &str), words: &str) -> Answer {
    let body = json!({"message_id": id, "from": from, "text": words}).to_string();
    signed(app, &body, app.clock.now().timestamp()).await
}

/// `body` posted with the development secret's signature at `at` (Unix seconds).
pub(super) async fn signed(app: &TestApp, body: &str, at: i64) -> Answer {
    let secret = SigningSecret::from_encoded(DEVELOPMENT_INBOUND_SECRET).unwrap();
    let delivery = format!("msg_{}", uuid::Uuid::now_v7().simple());
    app.send(
        app.request(Method::POST, "/api/v1/inbound/sms")
            .header("content-type", "application/json")
            .header("webhook-id", &delivery)
            .header("webhook-timestamp", at.to_string())
            .header("webhook-signature", secret.sign(&delivery, at, body))
            .body(body.to_owned()),
    )
    .await
}

/// One dispatcher round through `gateway`; the texts it received for `to`, oldest first.
pub(super) async fn sms_to(app: &TestApp, gateway: &Receiver, to: &str) -> Vec<Value> {
    let dispatcher = app.dispatcher(|s| s.notify_gateway_url = Some(gateway.url.clone()));
    dispatcher.run_once(&app.clock).await.unwrap();
    gateway
        .requests()
        .iter()
        .map(|r| r.json())
        .filter(|n| n["to"] == to && n["channel"] == "sms")
        .collect()
}

/// The six-digit code in a confirmation request.
pub(super) fn code_in(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '.' || c == '।')
        .find(|w| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no code in {text}"))
        .to_owned()
}

/// `CCMS-2026-000001` in Bangla digits, without `CCMS-`: as a feature phone user types it.
pub(super) fn in_bangla(tracking: &str) -> String {
    tracking
        .trim_start_matches("CCMS-")
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x09E6 + d).unwrap(),
            None => c,
        })
        .collect()
}

pub(super) async fn case_as(app: &TestApp, token: &str, id: &str) -> Answer {
    app.send_with(
        token,
        app.request(Method::GET, &format!("/api/v1/complaints/{id}")),
    )
    .await
}
