//! Every way a bearer token can be wrong answers 401 problem+json.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ccms_api::auth::{Claims, TokenKeys};
use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use chrono::Duration;
use reqwest::Method;

async fn answer_with(app: &TestApp, token: &str) -> ccms_tests::Answer {
    app.send(app.request(Method::GET, "/api/v1/staff").bearer_auth(token))
        .await
}

fn claims(app: &TestApp) -> Claims {
    Claims::new(
        "test-admin",
        Role::Admin,
        app.clock.now(),
        Duration::minutes(15),
    )
}

#[actix_web::test]
async fn a_good_token_passes_and_every_bad_one_answers_401() {
    let app = TestApp::spawn().await;
    let good = app.sign(&claims(&app));
    assert_eq!(answer_with(&app, &good).await.status, 200);

    let (head, rest) = good.split_once('.').unwrap();
    let (body, signature) = rest.split_once('.').unwrap();
    let escalated = URL_SAFE_NO_PAD.encode(
        String::from_utf8(URL_SAFE_NO_PAD.decode(body).unwrap())
            .unwrap()
            .replace("\"admin\"", "\"coordinator\""),
    );
    let tampered = format!("{head}.{escalated}.{signature}");

    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let alg_none = format!("{none_header}.{body}.");

    let foreign = TokenKeys::hs256("a-completely-different-secret-0123456789")
        .unwrap()
        .sign(&claims(&app))
        .unwrap();

    let long_ago = app.clock.now() - Duration::hours(1);
    let expired = app.sign(&Claims::new(
        "test-admin",
        Role::Admin,
        long_ago,
        Duration::minutes(15),
    ));

    let wrong_audience = app.sign(&Claims {
        aud: "someone-else".into(),
        ..claims(&app)
    });
    let wrong_issuer = app.sign(&Claims {
        iss: "not-ccms".into(),
        ..claims(&app)
    });

    for (name, token) in [
        ("tampered", tampered),
        ("alg none", alg_none),
        ("another key", foreign),
        ("expired", expired),
        ("wrong aud", wrong_audience),
        ("wrong iss", wrong_issuer),
        ("garbage", "not.a.jwt".to_owned()),
    ] {
        let answer = answer_with(&app, &token).await;
        assert_eq!(answer.status, 401, "{name}: {}", answer.text);
        answer.problem(401, "unauthenticated");
    }
    let missing = app.send(app.request(Method::GET, "/api/v1/staff")).await;
    missing.problem(401, "unauthenticated");
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
}

#[actix_web::test]
async fn a_token_expires_when_the_clock_passes_its_lifetime() {
    let app = TestApp::spawn().await;
    let token = app.token(Role::Admin);
    assert_eq!(answer_with(&app, &token).await.status, 200);
    app.clock.advance(Duration::minutes(16));
    answer_with(&app, &token)
        .await
        .problem(401, "unauthenticated");
}

#[actix_web::test]
async fn a_bad_token_is_refused_on_every_public_read_but_not_where_no_token_is_taken() {
    let app = TestApp::spawn().await;
    let bad = |path: &str| {
        app.request(reqwest::Method::GET, path)
            .bearer_auth("not-a-token")
    };
    for path in [
        "/api/v1/agencies",
        "/api/v1/policy",
        "/api/v1/categories",
        "/api/v1/businesses",
        "/api/v1/public/complaints",
    ] {
        let answer = app.send(bad(path)).await;
        answer.problem(401, "unauthenticated");
        assert_eq!(answer.header("www-authenticate"), Some("Bearer"), "{path}");
    }
    assert_eq!(app.send(bad("/healthz")).await.status, 200);
    let code = app
        .send(
            app.request(reqwest::Method::POST, "/api/v1/auth/otp")
                .bearer_auth("an-expired-token")
                .json(&serde_json::json!({"phone": "01784000001"})),
        )
        .await;
    assert_eq!(code.status, 202, "{}", code.text);
}
