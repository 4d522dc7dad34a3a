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

#[actix_web::test]
async fn metrics_show_the_backlog_intakes_by_channel_and_the_process() {
    let app = TestApp::spawn().await;
    let p = super::complaints::parties(&app, "01785000001").await;
    let filed = super::complaints::file(
        &app,
        &p.consumer,
        &ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25"),
    )
    .await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    app.clock.advance(chrono::Duration::seconds(30));

    let metrics = app.get("/metrics").await.text;

    let value = |name: &str| {
        metrics
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().parse::<f64>().ok())
            .unwrap_or_else(|| panic!("{name} not in\n{metrics}"))
    };
    assert_eq!(value("ccms_complaints_filed_total{channel=\"app\"}"), 1.0);
    // The filing's events wait for a dispatcher; this server runs none in tests.
    assert!(value("ccms_backlog{queue=\"outbox\"}") >= 1.0);
    assert!(value("ccms_backlog_oldest_age_seconds{queue=\"outbox\"}") >= 30.0);
    assert!(metrics.contains("ccms_backlog{queue=\"audit_unlinked\"}"));
    assert!(
        metrics.contains("process_resident_memory_bytes"),
        "{metrics}"
    );
    assert!(metrics.contains("process_open_fds"));
    // The Grafana dashboard in docs/ queries only metrics the server has.
    let dashboard = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/grafana-dashboard.json"),
    )
    .unwrap();
    let dashboard: serde_json::Value = serde_json::from_str(&dashboard).unwrap();
    for panel in dashboard["panels"].as_array().unwrap() {
        let expr = panel["targets"][0]["expr"].as_str().unwrap();
        let names = expr
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|word| word.starts_with("ccms_") || word.starts_with("process_"));
        for name in names {
            let family = name.trim_end_matches("_bucket");
            assert!(
                metrics.contains(family),
                "{family} (panel {})",
                panel["title"]
            );
        }
    }
}

/// The value of the sample `name` (with its labels) in a Prometheus text page.
fn sample(metrics: &str, name: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.trim().parse::<f64>().ok())
        .unwrap_or_else(|| panic!("{name} not in\n{metrics}"))
}

#[actix_web::test]
async fn metrics_count_the_workers_sweeps_and_deliveries_by_outcome_from_the_database() {
    use ccms_api::clock::Clock;
    let app = super::webhooks::loopback_app().await;
    let p = super::complaints::parties(&app, "01785000002").await;
    // The receiver fails the first attempt and takes the retry.
    let receiver = ccms_tests::receiver::Receiver::start(&[500], 200).await;
    super::webhooks::subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    super::webhooks::filed(&app, &p).await;
    let first = app.dispatch().await;
    app.clock.advance(chrono::Duration::hours(73));
    // The worker and the dispatcher run apart from the API process, as `ccms worker` does:
    // the API's /metrics reads what they did from the database.
    let swept = super::deadlines::sweep(&app);
    let swept_at = app.clock.now();
    let retry = app.dispatch().await;
    assert_eq!((first.failed_attempts, retry.delivered), (1, 1));
    assert!(swept.escalated >= 1, "{swept:?}");

    let metrics = app.get("/metrics").await.text;

    assert_eq!(sample(&metrics, "ccms_worker_sweeps_total"), 1.0);
    assert_eq!(
        sample(&metrics, "ccms_worker_cases_moved_total"),
        swept.total() as f64
    );
    assert_eq!(
        sample(&metrics, "ccms_worker_last_sweep_timestamp_seconds"),
        swept_at.timestamp_millis() as f64 / 1000.0
    );
    let outcome = |o: &str| {
        sample(
            &metrics,
            &format!("ccms_webhook_deliveries_total{{outcome=\"{o}\"}}"),
        )
    };
    assert_eq!((outcome("delivered"), outcome("failed")), (1.0, 1.0));
    // The audit linker's lag is reported beside its backlog.
    assert!(metrics.contains("ccms_backlog_oldest_age_seconds{queue=\"audit_unlinked\"}"));
}
