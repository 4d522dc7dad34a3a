//! Conventions every endpoint shares: problem+json errors, request ids, languages, limits.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::business;
use reqwest::Method;
use serde_json::json;

#[actix_web::test]
async fn malformed_json_answers_400_with_a_problem() {
    let app = TestApp::spawn().await;
    let request = app
        .request(Method::POST, "/api/v1/businesses")
        .bearer_auth(app.token(Role::Coordinator))
        .header("content-type", "application/json")
        .body("{\"legal_name\": ");
    app.send(request).await.problem(400, "malformed_json");
}

#[actix_web::test]
async fn a_body_that_is_not_json_answers_415() {
    let app = TestApp::spawn().await;
    let request = app
        .request(Method::POST, "/api/v1/businesses")
        .bearer_auth(app.token(Role::Coordinator))
        .header("content-type", "text/plain")
        .body("legal_name=x");
    app.send(request)
        .await
        .problem(415, "unsupported_media_type");
}

#[actix_web::test]
async fn an_unknown_route_answers_404_with_a_problem() {
    let app = TestApp::spawn().await;
    let body = app
        .get("/api/v1/no-such-thing")
        .await
        .problem(404, "route_not_found");
    assert_eq!(body["instance"], "/api/v1/no-such-thing");
}

#[actix_web::test]
async fn a_wrong_method_answers_405_with_the_allowed_ones() {
    let app = TestApp::spawn().await;
    let answer = app
        .send(app.request(Method::DELETE, "/api/v1/businesses"))
        .await;
    answer.problem(405, "method_not_allowed");
    assert_eq!(answer.header("allow"), Some("GET, POST"));
}

#[actix_web::test]
async fn an_oversized_body_answers_413_and_stores_nothing() {
    let app = TestApp::spawn().await;
    let huge = business().set("address", json!("ক".repeat(40_000))).json();
    app.post_as(Role::Coordinator, "/api/v1/businesses", &huge)
        .await
        .problem(413, "payload_too_large");
    let listed = app.get("/api/v1/businesses").await.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 0);
}

#[actix_web::test]
async fn validation_names_every_failing_field() {
    let app = TestApp::spawn().await;
    let body = business()
        .set("legal_name", json!("   "))
        .set("web_domains", json!(["shop.com.bd", "not a domain"]))
        .set("contact_phone", json!("01212345678"))
        .json();
    let problem = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &body)
        .await
        .problem(422, "validation_failed");
    let fields: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("legal_name", "blank"),
            ("web_domains[1]", "web_domain_format"),
            ("contact_phone", "phone_format")
        ]
    );
}

#[actix_web::test]
async fn a_missing_or_mistyped_field_is_named() {
    let app = TestApp::spawn().await;
    let missing = json!({"kind": "shop"});
    let problem = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &missing)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "legal_name");
    assert_eq!(problem["errors"][0]["code"], "required");
    let mistyped = business().set("kind", json!("bank")).json();
    let problem = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &mistyped)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "kind");
}

#[actix_web::test]
async fn errors_speak_bangla_when_the_caller_asks_for_bn() {
    let app = TestApp::spawn().await;
    let answer = app
        .send(
            app.request(Method::GET, "/api/v1/nowhere")
                .header("accept-language", "bn-BD, en;q=0.5"),
        )
        .await;
    let body = answer.problem(404, "route_not_found");
    assert_eq!(answer.header("content-language"), Some("bn"));
    assert_eq!(body["title"], "এমন কোনো এন্ডপয়েন্ট নেই");
    let english = app
        .get("/api/v1/nowhere")
        .await
        .problem(404, "route_not_found");
    assert_eq!(english["title"], "No such endpoint");
}

#[actix_web::test]
async fn every_answer_carries_a_request_id_and_a_given_one_is_echoed() {
    let app = TestApp::spawn().await;
    let assigned = app.get("/healthz").await;
    assert!(
        assigned
            .header("x-request-id")
            .is_some_and(|id| id.len() >= 32)
    );
    let echoed = app
        .send(
            app.request(Method::GET, "/api/v1/nowhere")
                .header("x-request-id", "trace-42"),
        )
        .await;
    assert_eq!(echoed.header("x-request-id"), Some("trace-42"));
    assert_eq!(echoed.json()["request_id"], "trace-42");
    let unsafe_id = app
        .send(
            app.request(Method::GET, "/healthz")
                .header("x-request-id", "a b\tc"),
        )
        .await;
    assert_ne!(unsafe_id.header("x-request-id"), Some("a b\tc"));
}

#[actix_web::test]
async fn a_bad_path_parameter_answers_400() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/businesses/not-a-uuid")
        .await
        .problem(400, "invalid_parameter");
}

#[actix_web::test]
async fn writes_need_a_valid_token_and_the_coordinator_role() {
    let app = TestApp::spawn().await;
    let body = business().json();
    let anonymous = app
        .send(app.request(Method::POST, "/api/v1/businesses").json(&body))
        .await;
    anonymous.problem(401, "unauthenticated");
    assert_eq!(anonymous.header("www-authenticate"), Some("Bearer"));
    let forged = app
        .send(
            app.request(Method::POST, "/api/v1/businesses")
                .bearer_auth("e30.e30.c2ln")
                .json(&body),
        )
        .await;
    forged.problem(401, "unauthenticated");
    for role in [
        Role::Consumer,
        Role::BusinessAgent,
        Role::Officer,
        Role::Auditor,
        Role::Admin,
    ] {
        app.post_as(role, "/api/v1/businesses", &body)
            .await
            .problem(403, "forbidden");
    }
    assert_eq!(
        app.post_as(Role::Coordinator, "/api/v1/businesses", &body)
            .await
            .status,
        201
    );
}

#[actix_web::test]
async fn a_token_signed_with_another_secret_is_refused() {
    let app = TestApp::spawn().await;
    let foreign =
        ccms_api::auth::TokenKeys::hs256("some-other-secret-that-is-long-enough").unwrap();
    let claims = ccms_api::auth::Claims::new(
        "x",
        Role::Coordinator,
        chrono::Utc::now(),
        chrono::Duration::minutes(5),
    );
    let token = foreign.sign(&claims).unwrap();
    let answer = app
        .send(
            app.request(Method::POST, "/api/v1/businesses")
                .bearer_auth(token)
                .json(&business().json()),
        )
        .await;
    answer.problem(401, "unauthenticated");
}

#[actix_web::test]
async fn an_undocumented_query_parameter_is_refused_by_name() {
    let app = TestApp::spawn().await;
    let problem = app
        .get("/api/v1/businesses?limt=5")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(problem["errors"][0]["field"], "limt");
    assert_eq!(problem["errors"][0]["code"], "unknown_parameter");
    assert_eq!(
        app.get("/api/v1/businesses?limit=5&q=shop").await.status,
        200
    );
}

#[actix_web::test]
async fn a_field_error_names_the_field_once_and_a_bad_query_value_its_parameter() {
    let app = TestApp::spawn().await;
    let mut body = ccms_tests::fixtures::business().json();
    body["colour"] = serde_json::json!("red");
    let unknown = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &body)
        .await
        .problem(422, "validation_failed");
    assert_eq!(unknown["errors"][0]["field"], "colour");
    assert_eq!(unknown["errors"][0]["code"], "unknown_field");
    for (query, parameter) in [("state=bogus", "state"), ("limit=abc", "limit")] {
        let bad = app
            .get_as(Role::Coordinator, &format!("/api/v1/complaints?{query}"))
            .await
            .problem(400, "invalid_parameter");
        assert_eq!(bad["errors"][0]["field"], parameter, "{query}");
    }
}
