//! Partners: client credentials shown once, rotated, revoked, and a request budget.

use ccms_domain::access::Role;
use ccms_persistence::identity::throttles::{self, Counter};
use ccms_tests::TestApp;
use ccms_tests::fixtures::business;
use reqwest::Method;
use serde_json::{Value, json};

async fn partner(app: &TestApp) -> (String, String, String) {
    let market = app
        .post_as(
            Role::Coordinator,
            "/api/v1/businesses",
            &business().marketplace().json(),
        )
        .await
        .json();
    let body = json!({"name": "Market order system", "business_id": market["id"]});
    let created = app.post_as(Role::Admin, "/api/v1/partners", &body).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let created = created.json();
    (
        created["client"]["id"].as_str().unwrap().to_owned(),
        created["client"]["client_id"].as_str().unwrap().to_owned(),
        created["client_secret"].as_str().unwrap().to_owned(),
    )
}

async fn token(app: &TestApp, client_id: &str, secret: &str) -> ccms_tests::Answer {
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", client_id),
        ("client_secret", secret),
    ];
    app.send(app.request(Method::POST, "/api/v1/auth/token").form(&form))
        .await
}

#[actix_web::test]
async fn a_partner_gets_a_token_by_form_or_basic_auth_and_the_secret_is_shown_once() {
    let app = TestApp::spawn().await;
    let (_, client_id, secret) = partner(&app).await;
    let issued = token(&app, &client_id, &secret).await;
    assert_eq!(issued.status, 200, "{}", issued.text);
    assert_eq!(issued.json()["token_type"], "Bearer");
    assert_eq!(issued.json().get("refresh_token"), None::<&Value>);
    let basic = app
        .request(Method::POST, "/api/v1/auth/token")
        .basic_auth(&client_id, Some(&secret))
        .form(&[("grant_type", "client_credentials")]);
    assert_eq!(app.send(basic).await.status, 200);
    let listed = app.get_as(Role::Admin, "/api/v1/partners").await;
    assert!(!listed.text.contains(&secret));
    let wrong = token(&app, &client_id, "not-the-secret").await;
    oauth_error(&wrong, 400, "invalid_client");
    let wrong_basic = app
        .request(Method::POST, "/api/v1/auth/token")
        .basic_auth(&client_id, Some("not-the-secret"))
        .form(&[("grant_type", "client_credentials")]);
    let wrong_basic = app.send(wrong_basic).await;
    oauth_error(&wrong_basic, 401, "invalid_client");
    assert_eq!(
        wrong_basic.header("www-authenticate"),
        Some("Basic realm=\"ccms\"")
    );
    let other_grant = app
        .request(Method::POST, "/api/v1/auth/token")
        .form(&[("grant_type", "password")]);
    oauth_error(&app.send(other_grant).await, 400, "unsupported_grant_type");
    let no_grant = app
        .request(Method::POST, "/api/v1/auth/token")
        .form(&[("client_id", client_id.as_str())]);
    oauth_error(&app.send(no_grant).await, 400, "invalid_request");
    // `scope` is ignored but bounded, as the contract says (256 characters).
    let long_scope = "s".repeat(257);
    let scoped = app.request(Method::POST, "/api/v1/auth/token").form(&[
        ("grant_type", "client_credentials"),
        ("client_id", client_id.as_str()),
        ("client_secret", secret.as_str()),
        ("scope", long_scope.as_str()),
    ]);
    oauth_error(&app.send(scoped).await, 400, "invalid_request");
    assert_eq!(issued.header("cache-control"), Some("no-store"));
}

/// An OAuth2 error answer (RFC 6749 §5.2), never cached.
fn oauth_error(answer: &ccms_tests::Answer, status: u16, error: &str) {
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_eq!(answer.json()["error"], error, "{}", answer.text);
    assert!(answer.json()["error_description"].is_string());
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
}

#[actix_web::test]
async fn a_rotated_secret_replaces_the_old_one_and_a_revoked_client_is_refused() {
    let app = TestApp::spawn().await;
    let (id, client_id, old) = partner(&app).await;
    let rotated = app
        .post_as(
            Role::Admin,
            &format!("/api/v1/partners/{id}/secret"),
            &json!({}),
        )
        .await;
    assert_eq!(rotated.status, 200, "{}", rotated.text);
    let new = rotated.json()["client_secret"].as_str().unwrap().to_owned();
    oauth_error(&token(&app, &client_id, &old).await, 400, "invalid_client");
    assert_eq!(token(&app, &client_id, &new).await.status, 200);
    app.post_as(
        Role::Admin,
        &format!("/api/v1/partners/{id}/revoke"),
        &json!({}),
    )
    .await;
    oauth_error(&token(&app, &client_id, &new).await, 400, "invalid_client");
}

#[actix_web::test]
async fn a_deployment_sets_the_partner_budget() {
    let app = TestApp::spawn_with(|s| s.partner_requests_per_minute = 2).await;
    let (_, client_id, secret) = partner(&app).await;
    let access = token(&app, &client_id, &secret).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut answers = Vec::new();
    for _ in 0..3 {
        let answer = app
            .send(
                app.request(Method::GET, "/api/v1/agencies")
                    .bearer_auth(&access),
            )
            .await;
        answers.push(answer);
    }
    let statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    assert_eq!(statuses, [200, 200, 429]);
    // Every answer tells the partner its budget (IETF RateLimit headers), the 429 one too.
    let policy = "\"partner_api_per_client\";q=2;w=60";
    let left: Vec<&str> = answers
        .iter()
        .map(|a| {
            assert_eq!(a.header("ratelimit-policy"), Some(policy));
            a.header("ratelimit").unwrap()
        })
        .collect();
    assert!(
        left[0].starts_with("\"partner_api_per_client\";r=1;t="),
        "{left:?}"
    );
    assert!(
        left[1].starts_with("\"partner_api_per_client\";r=0;t="),
        "{left:?}"
    );
    assert!(
        left[2].starts_with("\"partner_api_per_client\";r=0;t="),
        "{left:?}"
    );
}

#[actix_web::test]
async fn a_partner_over_its_request_budget_waits() {
    let app = TestApp::spawn().await;
    let (_, client_id, secret) = partner(&app).await;
    let access = token(&app, &client_id, &secret).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let call = || {
        app.request(Method::GET, "/api/v1/agencies")
            .bearer_auth(&access)
    };
    // The first request draws a slice of 30 (a twentieth of 600) from the shared counter.
    assert_eq!(app.send(call()).await.status, 200);
    let now = ccms_api::clock::Clock::now(&app.clock);
    let counted = |conn: &mut _| throttles::read(conn, "partner_api_per_client", &client_id);
    assert_eq!(app.store.read(counted).unwrap().unwrap().count, 30);
    // Another server spends the rest of this minute's budget (written directly, rather than
    // with 570 requests): this server still serves what it drew, then waits.
    let spent = Counter {
        window_started: now,
        count: 600,
        locked_until: None,
    };
    app.store
        .transaction(|conn| throttles::write(conn, "partner_api_per_client", &client_id, spent))
        .unwrap();
    for _ in 0..29 {
        assert_eq!(app.send(call()).await.status, 200);
    }
    let limited = app.send(call()).await;
    limited.problem(429, "rate_limited");
    assert_eq!(limited.header("retry-after"), Some("60"));
    app.clock.advance(chrono::Duration::minutes(1));
    assert_eq!(app.send(call()).await.status, 200);
}
