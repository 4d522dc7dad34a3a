//! Health, readiness, metrics and the served contract.

use ccms_tests::TestApp;
use diesel::RunQueryDsl;
use diesel::connection::SimpleConnection;

#[actix_web::test]
async fn health_and_readiness_answer_200_on_a_migrated_database() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.json()["status"], "ok");
    assert_eq!(app.get("/readyz").await.json()["status"], "ready");
}

#[actix_web::test]
async fn readiness_answers_503_when_the_schema_is_behind() {
    let app = TestApp::spawn().await;
    app.store
        .transaction(|conn| {
            conn.batch_execute("DELETE FROM __diesel_schema_migrations")?;
            Ok::<_, ccms_persistence::StoreError>(())
        })
        .unwrap();
    app.get("/readyz").await.problem(503, "service_unavailable");
    assert_eq!(app.get("/healthz").await.status, 200);
}

#[actix_web::test]
async fn metrics_count_requests_by_route_template_and_show_the_pool() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/businesses/01a22358-b3f5-73fd-8676-cf0dc3055630")
        .await;
    let text = app.get("/metrics").await.text;
    assert!(text.contains("ccms_http_requests_total{method=\"GET\",route=\"/api/v1/businesses/{id}\",status=\"404\"} 1"), "{text}");
    assert!(text.contains("ccms_http_request_duration_seconds_bucket"));
    assert!(text.contains("ccms_db_pool_connections{state=\"max\"}"));
}

#[actix_web::test]
async fn swagger_ui_is_served_from_the_binary_and_lists_the_operations() {
    let app = TestApp::spawn().await;
    let page = app.get("/swagger-ui/").await;
    assert_eq!(page.status, 200);
    assert!(page.text.to_lowercase().contains("swagger"));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let bare = client
        .get(format!("{}/swagger-ui", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), 308);
    assert_eq!(bare.headers()["location"], "/swagger-ui/");
    let doc = app.get("/api-docs/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(
        doc["paths"]["/api/v1/businesses"]["post"]["operationId"],
        "create_business"
    );
}

#[actix_web::test]
async fn the_store_talks_to_the_database_the_url_names() {
    let app = TestApp::spawn().await;
    let expected = if app.database.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(app.store.backend(), expected);
    let tables = if expected == "postgres" {
        "SELECT 1 AS one FROM information_schema.tables WHERE table_name = 'businesses'"
    } else {
        "SELECT 1 AS one FROM sqlite_master WHERE name = 'businesses'"
    };
    let found: Vec<Present> = app
        .store
        .transaction(|conn| {
            Ok::<_, ccms_persistence::StoreError>(diesel::sql_query(tables).load(conn)?)
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}

#[derive(diesel::QueryableByName)]
struct Present {
    #[diesel(sql_type = diesel::sql_types::Integer, column_name = "one")]
    _one: i32,
}
