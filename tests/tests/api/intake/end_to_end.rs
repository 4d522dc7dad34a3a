//! The walk, end to end: an operator files for a caller; the caller confirms by the SMS
//! code; the business proposes a refund; the consumer accepts by SMS in Bangla digits; another
//! phone's identical SMS is refused and changes nothing; a replayed delivery changes nothing;
//! the audit log names the operator and the SMS.

use ccms_tests::TestApp;
use ccms_tests::receiver::Receiver;
use reqwest::Method;
use serde_json::Value;

use super::{case_as, code_in, desk, file_for, in_bangla, sms_to, text};
use crate::complaints::act;

const CALLER: &str = "+8801764000001";
const STRANGER: &str = "+8801764000099";

async fn timeline(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    let path = format!("/api/v1/complaints/{id}/events");
    let answer = app
        .send_with(token, app.request(Method::GET, &path))
        .await
        .json();
    answer["items"].as_array().cloned().unwrap_or_default()
}

#[actix_web::test]
async fn an_operator_files_the_caller_confirms_by_sms_and_accepts_a_refund_in_bangla_digits() {
    let gateway = Receiver::start(&[], 202).await;
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000001").await;

    let filed = file_for(&app, &d, "01764000001").await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let filed = filed.json();
    let (id, tracking) = (
        filed["id"].as_str().unwrap().to_owned(),
        filed["tracking_number"].as_str().unwrap().to_owned(),
    );
    assert_eq!(
        (filed["state"].as_str(), filed["channel"].as_str()),
        (Some("submitted"), Some("hotline"))
    );
    // Held: not the business's yet.
    assert_eq!(case_as(&app, &d.p.agent, &id).await.status, 404);

    let texts = sms_to(&app, &gateway, CALLER).await;
    assert_eq!(texts.len(), 1, "{texts:?}");
    let request = texts[0]["body"].as_str().unwrap();
    assert!(
        request.contains(&tracking) && request.contains("নিশ্চিত"),
        "{request}"
    );
    let code = code_in(request);

    // Another phone's code changes nothing; the caller's, in Bangla digits, confirms.
    let wrong = text(&app, ("gw-1", STRANGER), &code).await;
    assert_eq!(wrong.json()["outcome"], "refused", "{}", wrong.text);
    let bangla_code = in_bangla(&code);
    let confirmed = text(&app, ("gw-2", CALLER), &bangla_code).await;
    assert_eq!(confirmed.json()["outcome"], "done", "{}", confirmed.text);
    let case = case_as(&app, &d.p.agent, &id).await.json();
    assert_eq!(case["state"], "with_business", "{case}");

    // The business proposes a refund; the caller accepts by SMS.
    let proposed = act(&app, &d.p.agent, &id, app.proposal("Full refund by bKash")).await;
    assert_eq!(proposed.status, 200, "{}", proposed.text);
    let accept = format!("গ্রহণ {}", in_bangla(&tracking));
    let stranger = text(&app, ("gw-3", STRANGER), &accept).await;
    assert_eq!(stranger.json()["outcome"], "refused");
    let before = case_as(&app, &d.p.agent, &id).await.json();
    assert_eq!(before["state"], "awaiting_consumer");
    let accepted = text(&app, ("gw-4", CALLER), &accept).await;
    assert_eq!(accepted.json()["outcome"], "done", "{}", accepted.text);
    let after = case_as(&app, &d.p.agent, &id).await.json();
    assert_eq!(after["state"], "resolved", "{after}");

    // The same delivery posted again does nothing twice.
    let events = timeline(&app, &d.operator, &id).await.len();
    let again = text(&app, ("gw-4", CALLER), &accept).await;
    assert_eq!(again.json()["replayed"], true, "{}", again.text);
    assert_eq!(
        case_as(&app, &d.p.agent, &id).await.json()["version"],
        after["version"]
    );
    assert_eq!(timeline(&app, &d.operator, &id).await.len(), events);

    // Every answer went back by SMS in Bangla; the stranger's says nothing of the case.
    let answers = sms_to(&app, &gateway, CALLER).await;
    let bodies: Vec<&str> = answers.iter().filter_map(|n| n["body"].as_str()).collect();
    assert!(
        bodies.iter().any(|b| b.contains("নিশ্চিত হয়েছে")),
        "{bodies:?}"
    );
    assert!(
        bodies.iter().any(|b| b.contains("গ্রহণ করেছেন")),
        "{bodies:?}"
    );
    let to_stranger = sms_to(&app, &gateway, STRANGER).await;
    assert_eq!(to_stranger.len(), 2, "{to_stranger:?}");
    assert!(
        to_stranger
            .iter()
            .all(|n| !n["body"].as_str().unwrap().contains(&tracking))
    );

    // The timeline and the audit log name the operator and the SMS.
    let entries = timeline(&app, &d.operator, &id).await;
    assert!(
        entries
            .iter()
            .any(|e| e["kind"] == "confirmation" && e["detail"]["via"] == "sms")
    );
    assert!(
        entries
            .iter()
            .any(|e| e["kind"] == "sms" && e["detail"]["message_id"] == "gw-4")
    );
    ccms_api::audit::linker::link_waiting(&app.store).unwrap();
    let audit = app
        .get_as(
            ccms_domain::access::Role::Auditor,
            &format!("/api/v1/audit?target_id={id}&limit=100"),
        )
        .await
        .json();
    let audit = audit["items"].as_array().unwrap();
    let filing = audit
        .iter()
        .find(|e| e["action"] == "complaint.file")
        .unwrap();
    assert_eq!(filing["actor"], d.operator_id.as_str());
    assert_eq!(filing["role"], "intake_operator");
    let sms: Vec<&Value> = audit
        .iter()
        .filter(|e| e["action"] == "sms.command")
        .collect();
    assert!(sms.iter().any(|e| e["request_id"] == "sms:gw-4"), "{sms:?}");
    let confirm = audit
        .iter()
        .find(|e| e["action"] == "complaint.confirm")
        .unwrap();
    assert_eq!(confirm["request_id"], "sms:gw-2");
}
