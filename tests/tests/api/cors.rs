//! Web frontends on other origins: preflights answered, the listed origins (any in development)
//! allowed, credentials never, and the headers a client reads exposed.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;

const FRONTEND: &str = "https://complaints.example.com.bd";

async fn preflight(app: &TestApp, origin: &str) -> ccms_tests::Answer {
    app.send(
        app.request(Method::OPTIONS, "/api/v1/complaints")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type, idempotency-key",
            ),
    )
    .await
}

#[actix_web::test]
async fn in_development_any_origin_may_call_and_read_the_headers_it_needs() {
    let app = TestApp::spawn().await;

    let allowed = preflight(&app, FRONTEND).await;

    assert_eq!(allowed.status, 200, "{}", allowed.text);
    assert_eq!(allowed.header("access-control-allow-origin"), Some("*"));
    let methods = allowed.header("access-control-allow-methods").unwrap_or("");
    assert!(
        methods.contains("POST") && methods.contains("PATCH"),
        "{methods}"
    );
    let headers = allowed
        .header("access-control-allow-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(
        headers.contains("authorization") && headers.contains("idempotency-key"),
        "{headers}"
    );
    assert_eq!(allowed.header("access-control-allow-credentials"), None);
    let read = app
        .send_with(
            &app.token(Role::Coordinator),
            app.request(Method::GET, "/api/v1/complaints")
                .header("origin", FRONTEND),
        )
        .await;
    assert_eq!(read.status, 200);
    assert_eq!(read.header("access-control-allow-origin"), Some("*"));
    let exposed = read
        .header("access-control-expose-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    for header in [
        "etag",
        "location",
        "retry-after",
        "x-request-id",
        "idempotency-replayed",
    ] {
        assert!(exposed.contains(header), "{header} in {exposed}");
    }
    // A refusal is readable too: the frontend can show its problem document.
    let refused = app
        .send(
            app.request(Method::GET, "/api/v1/complaints")
                .header("origin", FRONTEND),
        )
        .await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.header("access-control-allow-origin"), Some("*"));
}

#[actix_web::test]
async fn only_the_listed_origins_are_allowed_and_nothing_in_production_by_default() {
    let app = TestApp::spawn_with(|s| s.cors_origins = vec![FRONTEND.into()]).await;

    let listed = preflight(&app, FRONTEND).await;
    let other = preflight(&app, "https://evil.example.com").await;

    assert_eq!(listed.header("access-control-allow-origin"), Some(FRONTEND));
    assert_eq!(listed.header("access-control-allow-credentials"), None);
    assert_ne!(other.status, 200);
    assert_eq!(other.header("access-control-allow-origin"), None);
    let settings = ccms_api::Settings {
        environment: ccms_api::settings::Environment::Production,
        ..ccms_api::Settings::for_database("unused.db")
    };
    assert_eq!(
        settings.cors_origins().unwrap(),
        ccms_api::http::CorsOrigins::Listed(vec![])
    );
}
