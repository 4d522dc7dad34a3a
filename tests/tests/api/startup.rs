//! Starting up: configuration checks and the development demo data.

use ccms_api::settings::{DEVELOPMENT_SECRET, Environment};
use ccms_api::{Application, Settings, StartError};
use ccms_tests::{TestApp, TestDatabase};

#[actix_web::test]
async fn production_refuses_to_start_without_a_real_secret() {
    let database = TestDatabase::create();
    for secret in [
        None,
        Some(DEVELOPMENT_SECRET.to_owned()),
        Some("short".to_owned()),
    ] {
        let settings = Settings {
            environment: Environment::Production,
            jwt_secret: secret,
            ..Settings::for_database(database.url())
        };
        let refused = Application::build(settings).await;
        assert!(matches!(refused, Err(StartError::Settings(_))));
    }
}

#[actix_web::test]
async fn production_refuses_to_start_without_a_webhook_key() {
    let database = TestDatabase::create();
    for key in [None, Some("short".to_owned())] {
        let mut settings = Settings {
            environment: Environment::Production,
            jwt_secret: Some("a-production-secret-that-is-long-enough-0123".into()),
            ..Settings::for_database(database.url())
        };
        settings.delivery.webhook_key = key;
        let refused = Application::build(settings).await;
        assert!(matches!(refused, Err(StartError::Settings(_))));
    }
}

#[actix_web::test]
async fn development_seeds_demo_data_on_an_empty_database() {
    let app = TestApp::spawn_with(|s| s.demo_data = true).await;
    let agencies = app.get("/api/v1/agencies").await.json();
    let codes: Vec<&str> = agencies["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    for code in ["DNCRP", "BB", "BTRC", "BSTI", "DGDA", "BFSA"] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let businesses = app.get("/api/v1/businesses").await.json();
    assert!(businesses["items"].as_array().unwrap().len() >= 3);
}

#[actix_web::test]
async fn production_never_seeds_demo_data() {
    let app = TestApp::spawn_with(|s| {
        s.demo_data = true;
        s.environment = Environment::Production;
        s.jwt_secret = Some("a-production-secret-that-is-long-enough-0123".into());
        s.delivery.webhook_key = Some("a-production-webhook-key-that-is-long-enough".into());
    })
    .await;
    let agencies = app.get("/api/v1/agencies").await.json();
    assert!(agencies["items"].as_array().unwrap().is_empty());
}

#[test]
fn every_migration_runs_down_and_up_again() {
    let database = TestDatabase::create();
    let store = ccms_persistence::Store::new(&ccms_persistence::StoreSettings {
        url: database.url(),
        max_connections: 1,
        connect_timeout: std::time::Duration::from_secs(10),
    })
    .unwrap();
    let applied = store.migrate().unwrap();
    assert!(applied > 0);
    assert_eq!(store.revert_all_migrations().unwrap(), applied);
    assert_eq!(store.migrate().unwrap(), applied);
    store.check_ready().unwrap();
}
