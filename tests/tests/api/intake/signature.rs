//! The gateway's posts are taken only with a fresh signature of the shared secret over the
//! exact body; what a STOP does, and that answers stay in the consumer's language.

use ccms_tests::TestApp;
use ccms_tests::receiver::Receiver;
use reqwest::Method;
use serde_json::json;

use super::{desk, signed, sms_to, text};

#[actix_web::test]
async fn a_post_without_a_fresh_signature_of_its_exact_body_is_refused() {
    let app = TestApp::spawn().await;
    let now = ccms_api::clock::Clock::now(&app.clock).timestamp();
    let body = json!({"message_id": "gw-s1", "from": "01764000020", "text": "STOP"}).to_string();
    let unsigned = app
        .send(
            app.request(Method::POST, "/api/v1/inbound/sms")
                .header("content-type", "application/json")
                .body(body.clone()),
        )
        .await;
    assert_eq!(unsigned.status, 401);
    assert_eq!(unsigned.json()["code"], "signature_invalid");
    assert_eq!(signed(&app, &body, now - 301).await.status, 401, "stale");
    assert_eq!(
        signed(&app, &body, now + 301).await.status,
        401,
        "from the future"
    );
    // Signed, then changed on the way.
    let secret = ccms_usecases::dispatch::SigningSecret::from_encoded(
        ccms_api::intake::DEVELOPMENT_INBOUND_SECRET,
    )
    .unwrap();
    let signature = secret.sign("msg_x", now, &body);
    let altered = app
        .send(
            app.request(Method::POST, "/api/v1/inbound/sms")
                .header("content-type", "application/json")
                .header("webhook-id", "msg_x")
                .header("webhook-timestamp", now.to_string())
                .header("webhook-signature", signature)
                .body(body.replace("STOP", "STOP ")),
        )
        .await;
    assert_eq!(altered.status, 401);
    assert_eq!(signed(&app, &body, now).await.status, 200);
    let bad = json!({"message_id": "gw-s2", "from": "not a phone", "text": "x"}).to_string();
    let refused = signed(&app, &bad, now).await;
    assert_eq!(
        (
            refused.status.as_u16(),
            refused.json()["errors"][0]["field"].clone()
        ),
        (422, json!("from"))
    );
}

#[actix_web::test]
async fn stop_ends_sms_notices_of_the_phones_cases_and_unreadable_texts_get_help_in_their_language()
{
    let gateway = Receiver::start(&[], 202).await;
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000021").await;
    let body = ccms_tests::fixtures::complaint(&d.p.business_id, "2026-10-25");
    let filed = crate::complaints::file(&app, &d.p.consumer, &body)
        .await
        .json();
    let id = filed["id"].as_str().unwrap();
    let phone = "+8801764000021";
    let first = sms_to(&app, &gateway, phone).await.len();
    assert_eq!(
        text(&app, ("gw-t1", phone), "বন্ধ").await.json()["outcome"],
        "done"
    );
    let help = text(&app, ("gw-t2", phone), "কেমন আছেন").await;
    assert_eq!(help.json()["outcome"], "not_understood");
    let answered = sms_to(&app, &gateway, phone).await;
    assert_eq!(answered.len(), first + 2, "{answered:?}");
    assert!(
        answered
            .iter()
            .all(|n| n["language"] == "bn" || n["body"].as_str().unwrap().contains("received"))
    );
    // The business answers: a notice moment, but the phone said STOP.
    crate::complaints::act(&app, &d.p.agent, id, app.proposal("A refund")).await;
    assert_eq!(sms_to(&app, &gateway, phone).await.len(), first + 2);
}
