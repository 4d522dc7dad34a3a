use ccms_api::dispatch::Allowance;
use ccms_domain::access::Role;
use ccms_domain::delivery::notice::{Channel, Language, NoticeStatus};
use ccms_persistence::notifications;
use ccms_tests::TestApp;
use ccms_tests::fixtures::agency;
use ccms_tests::receiver::Receiver;
use serde_json::json;

use super::ok;
use crate::authority::{escalated_case, post, regulator};
use crate::complaints::{file, parties};

#[actix_web::test]
async fn the_consumer_hears_of_the_case_in_the_language_they_chose_by_sms_and_email() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01763000001").await;
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["consumer_email"] = json!("rahim@example.com");
    body["notify_language"] = json!("en");
    let filed = ok(file(&app, &p.consumer, &body).await, 201);
    let tracking = filed["tracking_number"].as_str().unwrap();

    let report = app.dispatch().await;

    assert_eq!(report.notices_sent, 2);
    // The notice log also keeps the sign-in code's SMS (its digits hidden); not a case notice.
    let sms: Vec<_> = app
        .store
        .read(|c| notifications::to_recipient(c, "+8801763000001"))
        .unwrap()
        .into_iter()
        .filter(|n| n.text.subject != "Sign-in code")
        .collect();
    let email = app
        .store
        .read(|c| notifications::to_recipient(c, "rahim@example.com"))
        .unwrap();
    assert_eq!((sms.len(), email.len()), (1, 1));
    assert_eq!(
        (sms[0].channel, email[0].channel),
        (Channel::Sms, Channel::Email)
    );
    assert_eq!(sms[0].language, Language::En);
    assert_eq!(sms[0].status, NoticeStatus::Sent);
    assert!(sms[0].text.body.contains(tracking) && sms[0].text.body.contains("received"));
}

#[actix_web::test]
async fn an_escalation_is_told_in_bangla_through_the_http_gateway_by_default_language() {
    let gateway = Receiver::start(&[], 202).await;
    let url = gateway.url.clone();
    let app = TestApp::spawn().await;
    let p = parties(&app, "01763000002").await;
    ok(
        app.post_as(Role::Coordinator, "/api/v1/agencies", &agency("BB"))
            .await,
        201,
    );
    let request = app
        .request(reqwest::Method::POST, "/api/v1/complaints")
        .header("accept-language", "bn")
        .json(&ccms_tests::fixtures::complaint(
            &p.business_id,
            "2026-10-25",
        ));
    let filed = ok(app.send_with(&p.consumer, request).await, 201);
    let id = filed["id"].as_str().unwrap();
    ok(
        crate::complaints::act(&app, &p.agent, id, app.proposal("A voucher")).await,
        200,
    );
    ok(
        crate::complaints::act(&app, &p.consumer, id, json!({"action": "reject"})).await,
        200,
    );

    let dispatcher = app.dispatcher(|s| s.notify_gateway_url = Some(url));
    dispatcher.run_once(&app.clock).await.unwrap();

    let sent: Vec<_> = gateway.requests().iter().map(|r| r.json()).collect();
    // Received, the business's answer, the escalation: all by SMS, all in Bangla.
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(
        sent.iter()
            .all(|n| n["channel"] == "sms" && n["language"] == "bn" && n["to"] == "+8801763000002")
    );
    assert!(
        sent.iter()
            .any(|n| n["body"].as_str().unwrap().contains("অধিদপ্তরে"))
    );
}

#[actix_web::test]
async fn the_referral_packet_is_delivered_to_the_agencys_endpoint() {
    let app = TestApp::spawn_with(|s| {
        s.delivery.webhook_allow = vec![Allowance::Http, Allowance::Loopback]
    })
    .await;
    let p = parties(&app, "01763000003").await;
    ok(
        app.post_as(Role::Coordinator, "/api/v1/agencies", &agency("BB"))
            .await,
        201,
    );
    let receiver = Receiver::start(&[], 200).await;
    // A coordinator configures Bangladesh Bank's endpoint; a regulator may not.
    let coordinator = app.token(Role::Coordinator);
    let subscriptions = "/api/v1/subscriptions";
    let body =
        json!({"url": receiver.url, "event_types": ["referral.packet"], "agency_code": "BB"});
    ok(
        post(&app, &coordinator, subscriptions, body.clone()).await,
        201,
    );
    post(&app, &regulator(&app, "BB"), subscriptions, body)
        .await
        .problem(403, "forbidden");
    // An agency's endpoint hears agency events only, and a business names no agency.
    let case_events =
        json!({"url": receiver.url, "event_types": ["complaint.created"], "agency_code": "BB"});
    post(&app, &coordinator, subscriptions, case_events.clone())
        .await
        .problem(422, "validation_failed");
    let problem = post(&app, &p.agent, subscriptions, case_events)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["code"], "coordinators_only");

    // Payment problems go to Bangladesh Bank by policy when escalated.
    let case = escalated_case(&app, &p, "payment_problem").await;
    app.dispatch().await;

    let got = receiver.requests();
    let packets: Vec<_> = got
        .iter()
        .map(|r| r.json())
        .filter(|e| e["type"] == "referral.packet")
        .collect();
    assert_eq!(
        packets.len(),
        1,
        "only Bangladesh Bank's packet comes here: {packets:?}"
    );
    let packet = &packets[0]["data"]["packet"];
    assert_eq!(packets[0]["data"]["agency_code"], "BB");
    assert_eq!(packet["packet_version"], "1");
    assert_eq!(packet["case"]["id"], case.as_str());
    assert_eq!(packet["consumer"]["phone"], "+8801763000003");
    // The delivery log shows auditors the packet reduced.
    let subs = app
        .get_as(Role::Auditor, "/api/v1/subscriptions")
        .await
        .json();
    let sub = subs["items"][0]["id"].as_str().unwrap().to_owned();
    let log = app
        .get_as(
            Role::Auditor,
            &format!("/api/v1/subscriptions/{sub}/deliveries"),
        )
        .await
        .json();
    let logged = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["event_type"] == "referral.packet")
        .unwrap();
    assert_eq!(
        logged["payload"]["data"]["packet"]["consumer"]["phone"],
        "+88017*****003"
    );
    super::assert_conforms(&app, &got).await;
}
