use ccms_tests::TestApp;
use serde_json::json;

use super::{get, ok, post, setup, subscribe};
use crate::complaints::parties;

#[actix_web::test]
async fn private_and_loopback_destinations_are_refused_at_subscription_time() {
    // The default deployment: public HTTPS only.
    let app = TestApp::spawn().await;
    let p = parties(&app, "01761000001").await;
    for (url, rule) in [
        ("https://127.0.0.1:9000/hook", "private_address"),
        ("https://localhost/hook", "private_address"),
        ("https://10.1.2.3/hook", "private_address"),
        ("https://192.168.1.1/hook", "private_address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "private_address",
        ),
        ("https://[::1]/hook", "private_address"),
        ("http://hooks.example.com.bd/", "https_required"),
        ("https://user:secret@hooks.example.com.bd/", "url_format"),
    ] {
        let body = json!({ "url": url, "event_types": ["complaint.created"] });
        let refused = post(&app, &p.agent, "/api/v1/subscriptions", body).await;
        let problem = refused.problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "url", "{url}");
        assert_eq!(problem["errors"][0]["code"], rule, "{url}");
    }
}

#[actix_web::test]
async fn a_host_that_does_not_resolve_is_refused() {
    let app = TestApp::spawn_with(|s| {
        s.delivery.webhook_allow = vec![ccms_api::dispatch::Allowance::Http];
    })
    .await;
    let p = parties(&app, "01761000002").await;
    let body =
        json!({ "url": "http://127.0.0.1.nip.invalid/hook", "event_types": ["complaint.created"] });
    let refused = post(&app, &p.agent, "/api/v1/subscriptions", body).await;
    let problem = refused.problem(422, "validation_failed");
    // The same answer as for a private address: the endpoint tells nobody which names exist.
    assert_eq!(problem["errors"][0]["code"], "private_address");
}

#[actix_web::test]
async fn event_types_must_exist_and_be_for_the_owner() {
    let (app, p) = setup("01761000003").await;
    let body = json!({
        "url": "http://127.0.0.1:9/hook",
        "event_types": ["complaint.created", "referral.packet", "complaint.eaten"],
    });
    let problem = post(&app, &p.agent, "/api/v1/subscriptions", body)
        .await
        .problem(422, "validation_failed");
    let codes: Vec<_> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].clone(), e["code"].clone()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (json!("event_types[1]"), json!("event_not_for_owner")),
            (json!("event_types[2]"), json!("unknown_event_type")),
        ]
    );
}

#[actix_web::test]
async fn the_secret_is_shown_once_and_others_see_no_subscription() {
    let (app, p) = setup("01761000004").await;
    let (id, secret) = subscribe(
        &app,
        &p.agent,
        "http://127.0.0.1:9/hook",
        &["complaint.created"],
    )
    .await;
    assert!(secret.starts_with("whsec_"));
    let path = format!("/api/v1/subscriptions/{id}");
    let seen = ok(get(&app, &p.agent, &path).await, 200);
    assert!(!seen.to_string().contains(&secret[6..]));
    assert_eq!(seen["status"], "active");
    let listed = ok(get(&app, &p.agent, "/api/v1/subscriptions").await, 200);
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);

    let other = parties(&app, "01761000005").await;
    get(&app, &other.agent, &path)
        .await
        .problem(404, "not_found");
    let theirs = ok(get(&app, &other.agent, "/api/v1/subscriptions").await, 200);
    assert!(theirs["items"].as_array().unwrap().is_empty());
    let coordinator = app.token(ccms_domain::access::Role::Coordinator);
    get(&app, &coordinator, &path)
        .await
        .problem(404, "not_found");
    let regulator = crate::authority::regulator(&app, "BTRC");
    get(&app, &regulator, &path).await.problem(403, "forbidden");
    let deleted =
        crate::authority::send(&app, &other.agent, reqwest::Method::DELETE, &path, None).await;
    deleted.problem(404, "not_found");

    let deleted =
        crate::authority::send(&app, &p.agent, reqwest::Method::DELETE, &path, None).await;
    assert_eq!(deleted.status, 204);
    get(&app, &p.agent, &path).await.problem(404, "not_found");
}

#[actix_web::test]
async fn a_marketplace_hears_of_the_cases_it_pushed_against_its_sellers() {
    use ccms_domain::access::Role;
    use ccms_tests::fixtures::business;
    let app = super::loopback_app().await;
    let market = app
        .post_as(
            Role::Coordinator,
            "/api/v1/businesses",
            &business().marketplace().json(),
        )
        .await
        .json();
    let market_id = market["id"].as_str().unwrap();
    let seller = app
        .post_as(
            Role::Coordinator,
            "/api/v1/businesses",
            &business().seller_on(market_id).json(),
        )
        .await
        .json();
    let client = app
        .post_as(
            Role::Admin,
            "/api/v1/partners",
            &json!({"name": "Market", "business_id": market_id}),
        )
        .await
        .json();
    let partner = app.partner_token(client["client"]["client_id"].as_str().unwrap(), market_id);
    let receiver = ccms_tests::receiver::Receiver::start(&[], 200).await;
    subscribe(&app, &partner, &receiver.url, &["complaint.created"]).await;

    let mut body = ccms_tests::fixtures::complaint(seller["id"].as_str().unwrap(), "2026-10-25");
    body["consumer_phone"] = json!("01761000009");
    let request = app
        .request(reqwest::Method::POST, "/api/v1/complaints")
        .header("idempotency-key", "push-1")
        .json(&body);
    let pushed = ok(app.send_with(&partner, request).await, 201);
    app.dispatch().await;

    let got = receiver.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].json()["complaint"]["id"], pushed["id"]);
    assert_eq!(got[0].json()["complaint"]["business_id"], seller["id"]);
}
