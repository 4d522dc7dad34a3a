//! What every answer tells a browser, who may read `/metrics`, and whose address a rate limit
//! counts behind a reverse proxy.

use ccms_api::settings::Environment;
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;
use serde_json::json;

const METRICS_TOKEN: &str = "a-metrics-token-of-at-least-32-bytes!!";

#[actix_web::test]
async fn every_answer_carries_the_security_headers_and_signed_in_answers_are_not_stored() {
    let app = TestApp::spawn().await;
    let public = app.get("/api/v1/agencies").await;
    let missing = app.get("/api/v1/no-such-thing").await;
    let signed_in = app.get_as(Role::Coordinator, "/api/v1/complaints").await;
    let swagger = app.get("/swagger-ui/").await;
    for answer in [&public, &missing, &signed_in, &swagger] {
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("x-frame-options"), Some("DENY"));
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
        let policy = answer.header("content-security-policy").unwrap_or("");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    }
    assert_eq!(signed_in.header("cache-control"), Some("no-store"));
    assert_ne!(public.header("cache-control"), Some("no-store"));
    // An API answer may run nothing; Swagger UI only its own files.
    let api_policy = public.header("content-security-policy").unwrap();
    assert!(api_policy.starts_with("default-src 'none'"));
    let ui_policy = swagger.header("content-security-policy").unwrap();
    assert!(
        ui_policy.contains("script-src 'self'") && !ui_policy.contains("script-src 'self' 'unsafe")
    );
}

fn production(settings: &mut ccms_api::Settings) {
    settings.environment = Environment::Production;
    settings.jwt_secret = Some("a-production-secret-of-at-least-32-bytes!".into());
    settings.delivery.webhook_key = Some("a-production-webhook-key-of-32-bytes-or-more".into());
}

#[actix_web::test]
async fn metrics_are_open_in_development_and_need_the_token_in_production() {
    let development = TestApp::spawn().await;
    assert_eq!(development.get("/metrics").await.status, 200);

    let closed = TestApp::spawn_with(production).await;
    closed.get("/metrics").await.problem(401, "unauthenticated");

    let guarded = TestApp::spawn_with(|s| {
        production(s);
        s.metrics_token = Some(METRICS_TOKEN.into());
    })
    .await;
    guarded
        .get("/metrics")
        .await
        .problem(401, "unauthenticated");
    let wrong = guarded
        .request(Method::GET, "/metrics")
        .bearer_auth("not-the-token");
    guarded.send(wrong).await.problem(401, "unauthenticated");
    let right = guarded
        .request(Method::GET, "/metrics")
        .bearer_auth(METRICS_TOKEN);
    let answer = guarded.send(right).await;
    assert_eq!(answer.status, 200);
    assert!(answer.text.contains("ccms_http_requests_total"));
}

/// Code requests from `address` as the proxy reports it, until one is refused.
async fn codes_until_refused(app: &TestApp, forwarded_for: &str, first_phone: u32) -> u32 {
    for n in 0..40 {
        let request = app
            .request(Method::POST, "/api/v1/auth/otp")
            .header("x-forwarded-for", forwarded_for)
            .json(&json!({"phone": format!("017{:08}", first_phone + n)}));
        let answer = app.send(request).await;
        if answer.status == 429 {
            return n;
        }
        assert_eq!(answer.status, 202, "{}", answer.text);
    }
    40
}

#[actix_web::test]
async fn behind_a_trusted_proxy_each_caller_has_its_own_limit() {
    let app = TestApp::spawn_with(|s| s.trusted_proxies = vec!["127.0.0.0/8".into()]).await;
    // 20 code requests an hour per address: the forwarded address is the caller's.
    assert_eq!(codes_until_refused(&app, "203.0.113.1", 0).await, 20);
    assert_eq!(codes_until_refused(&app, "203.0.113.2", 100).await, 20);
    // A caller who forges a hop in front of the proxy's is still counted by what the proxy saw.
    assert_eq!(
        codes_until_refused(&app, "198.51.100.9, 203.0.113.1", 200).await,
        0
    );
}

#[actix_web::test]
async fn forwarding_headers_from_an_untrusted_peer_are_ignored() {
    let app = TestApp::spawn().await;
    assert_eq!(codes_until_refused(&app, "203.0.113.1", 0).await, 20);
    // Another claimed address changes nothing: the peer is who counts.
    assert_eq!(codes_until_refused(&app, "203.0.113.2", 100).await, 0);
}
