//! Confirming over HTTP: the operator hearing the code from the caller, or the caller in the app
//! after signing in by OTP. Wrong codes are counted even though refused; the fifth locks it.

use ccms_domain::access::Role;
use ccms_tests::receiver::Receiver;
use ccms_tests::{Answer, TestApp};
use reqwest::Method;
use serde_json::json;

use super::{case_as, code_in, desk, file_for, sms_to};

async fn confirm(app: &TestApp, token: &str, id: &str, code: &str) -> Answer {
    let path = format!("/api/v1/complaints/{id}/confirmation");
    app.send_with(
        token,
        app.request(Method::POST, &path)
            .json(&json!({ "code": code })),
    )
    .await
}

#[actix_web::test]
async fn the_operator_confirms_with_the_callers_code_and_five_wrong_codes_lock_a_case() {
    let gateway = Receiver::start(&[], 202).await;
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000013").await;
    let first = file_for(&app, &d, "01764000003").await.json();
    let second = file_for(&app, &d, "01764000004").await.json();
    let (first, second) = (
        first["id"].as_str().unwrap(),
        second["id"].as_str().unwrap(),
    );
    let texts = sms_to(&app, &gateway, "+8801764000003").await;
    let code = code_in(texts[0]["body"].as_str().unwrap());

    // Someone else's token: the case is not theirs to confirm (and not theirs to see).
    assert_eq!(confirm(&app, &d.p.consumer, first, &code).await.status, 404);
    assert_eq!(
        confirm(&app, &app.token(Role::Coordinator), first, &code)
            .await
            .status,
        403
    );
    let confirmed = confirm(&app, &d.operator, first, &code).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.text);
    assert_eq!(confirmed.json()["state"], "with_business");
    let again = confirm(&app, &d.operator, first, &code).await;
    assert_eq!(
        (again.status.as_u16(), again.json()["code"].clone()),
        (409, json!("not_held"))
    );

    for _ in 0..5 {
        let wrong = confirm(&app, &d.operator, second, "000000").await;
        assert_eq!(wrong.status, 422, "{}", wrong.text);
        assert_eq!(wrong.json()["errors"][0]["code"], "wrong_code");
    }
    let locked = confirm(&app, &d.operator, second, "000000").await;
    assert_eq!(
        locked.json()["code"],
        "confirmation_locked",
        "{}",
        locked.text
    );
    assert_eq!(
        case_as(&app, &d.operator, second).await.json()["state"],
        "submitted"
    );
}

#[actix_web::test]
async fn the_caller_confirms_in_the_app_after_signing_in_by_otp_and_then_sees_it_run() {
    let gateway = Receiver::start(&[], 202).await;
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000005").await;
    let filed = file_for(&app, &d, "01764000006").await.json();
    let id = filed["id"].as_str().unwrap();
    let code = code_in(
        sms_to(&app, &gateway, "+8801764000006").await[0]["body"]
            .as_str()
            .unwrap(),
    );
    let caller = app.consumer_token("01764000006").await;
    let confirmed = confirm(&app, &caller, id, &code).await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.text);
    let seen = case_as(&app, &caller, id).await.json();
    assert_eq!(seen["state"], "with_business");
    // The business now hears of it, as of any case.
    assert_eq!(case_as(&app, &d.p.agent, id).await.status, 200);
}

#[actix_web::test]
async fn assisted_channels_are_the_operators_and_an_operator_names_the_callers_phone() {
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000007").await;
    let mut body = ccms_tests::fixtures::complaint(&d.p.business_id, "2026-10-25");
    body["channel"] = json!("hotline");
    let by_consumer = crate::complaints::file(&app, &d.p.consumer, &body).await;
    assert_eq!(by_consumer.status, 422);
    assert_eq!(by_consumer.json()["errors"][0]["code"], "operators_only");
    body["channel"] = json!("web");
    body["consumer_phone"] = json!("01764000008");
    let on_web = crate::complaints::file(&app, &d.operator, &body).await;
    assert_eq!(
        on_web.json()["errors"][0]["code"],
        "assisted_channel_required"
    );
    body["channel"] = json!("walk_in");
    body.as_object_mut().unwrap().remove("consumer_phone");
    let no_phone = crate::complaints::file(&app, &d.operator, &body).await;
    assert_eq!(no_phone.json()["errors"][0]["field"], "consumer_phone");
    // The operator lists what they filed, and nothing else.
    file_for(&app, &d, "01764000008").await;
    crate::complaints::file(
        &app,
        &d.p.consumer,
        &ccms_tests::fixtures::complaint(&d.p.business_id, "2026-10-25"),
    )
    .await;
    let listed = app
        .send_with(&d.operator, app.request(Method::GET, "/api/v1/complaints"))
        .await
        .json();
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{listed}");
    assert_eq!(items[0]["channel"], "hotline");
}

#[actix_web::test]
async fn a_code_used_before_its_sms_went_out_withdraws_the_sms_and_the_log_never_shows_a_used_code()
{
    let gateway = Receiver::start(&[], 202).await;
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000030").await;
    let filed = file_for(&app, &d, "01764000031").await.json();
    // Development answers the code as it answers a one-time code.
    let code = filed["dev_code"].as_str().unwrap().to_owned();
    let id = filed["id"].as_str().unwrap();
    assert_eq!(confirm(&app, &d.operator, id, &code).await.status, 200);
    let texts = sms_to(&app, &gateway, "+8801764000031").await;
    let bodies: Vec<&str> = texts.iter().filter_map(|n| n["body"].as_str()).collect();
    assert!(
        bodies
            .iter()
            .all(|b| !b.contains(&code) && !b.contains("hidden")),
        "{bodies:?}"
    );
    assert!(
        bodies.iter().any(|b| b.contains("গৃহীত")),
        "the received notice: {bodies:?}"
    );
    let kept = app
        .store
        .read(|c| ccms_persistence::notifications::to_recipient(c, "+8801764000031"))
        .unwrap();
    assert!(kept.iter().all(|n| !n.text.body.contains(&code)));
}
