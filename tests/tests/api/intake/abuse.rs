//! What someone who gives another person's number cannot do: reach the business without its
//! owner's code, spend its owner's filing limits, guess the code by SMS past its tries, or read
//! out statuses unseen and without end.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;
use serde_json::json;

use super::{case_as, desk, file_for, text};
use crate::complaints::{act, file};

#[actix_web::test]
async fn a_held_case_withdrawn_or_left_alone_never_reaches_the_business_and_no_one_skips_its_code()
{
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000040").await;
    // Filed for the desk's own consumer, who signs in and withdraws it unconfirmed.
    let filed = file_for(&app, &d, "01764000040").await.json();
    let id = filed["id"].as_str().unwrap();
    let forward = act(
        &app,
        &app.token(Role::Coordinator),
        id,
        json!({"action": "forward"}),
    )
    .await;
    assert_eq!(
        forward.status, 409,
        "a coordinator cannot skip the code: {}",
        forward.text
    );
    let withdrawn = act(&app, &d.p.consumer, id, json!({"action": "withdraw"})).await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    assert_eq!(case_as(&app, &d.p.agent, id).await.status, 404);
    let listed = app
        .send_with(&d.p.agent, app.request(Method::GET, "/api/v1/complaints"))
        .await
        .json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 0, "{listed}");
}

#[actix_web::test]
async fn cases_filed_for_a_phone_and_never_confirmed_do_not_spend_its_owners_filing_limit() {
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000041").await;
    for _ in 0..4 {
        assert_eq!(file_for(&app, &d, "01764000041").await.status, 201);
    }
    // Three a day against one business: none of the held four counts.
    let body = ccms_tests::fixtures::complaint(&d.p.business_id, "2026-10-25");
    let own = file(&app, &d.p.consumer, &body).await;
    assert_eq!(own.status, 201, "{}", own.text);
}

#[actix_web::test]
async fn a_wrong_code_by_sms_spends_a_try_of_every_held_case_of_the_phone() {
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000042").await;
    let first = file_for(&app, &d, "01764000043").await.json();
    let second = file_for(&app, &d, "01764000043").await.json();
    let phone = "+8801764000043";
    for i in 0..4 {
        let wrong = text(&app, (&format!("gw-g{i}"), phone), "000000")
            .await
            .json();
        assert_eq!(wrong["outcome"], "wrong_code");
    }
    let last = text(&app, ("gw-g4", phone), "000000").await;
    assert_eq!(last.json()["outcome"], "wrong_code");
    // Both locked now: the right code of either confirms nothing.
    for held in [&first, &second] {
        let code = held["dev_code"].as_str().unwrap();
        let late = text(&app, (&format!("gw-r{code}"), phone), code)
            .await
            .json();
        assert_eq!(late["outcome"], "refused", "{late}");
        let id = held["id"].as_str().unwrap();
        assert_eq!(
            case_as(&app, &d.operator, id).await.json()["state"],
            "submitted"
        );
    }
}

#[actix_web::test]
async fn a_status_read_out_is_audited_when_it_misses_and_bounded_per_operator() {
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000044").await;
    let ask = |n: u32| {
        let body = json!({"tracking_number": format!("CCMS-2026-{n:06}"), "phone": "01764000044"});
        app.send_with(
            &d.operator,
            app.request(Method::POST, "/api/v1/intake/status")
                .json(&body),
        )
    };
    assert_eq!(ask(999_999).await.status, 404);
    ccms_api::audit::linker::link_waiting(&app.store).unwrap();
    let audit = app
        .get_as(
            Role::Auditor,
            "/api/v1/audit?action=complaint.status_read_out_missed",
        )
        .await
        .json();
    let entry = &audit["items"][0];
    assert_eq!(entry["target_id"], "CCMS-2026-999999");
    assert_eq!(entry["actor"], d.operator_id.as_str());
    assert!(
        !entry.to_string().contains("01764000044"),
        "no phone in the audit: {entry}"
    );
    let mut last = 0;
    for n in 0..60 {
        last = ask(n).await.status.as_u16();
    }
    assert_eq!(last, 429, "the 61st read-out in an hour");
}
