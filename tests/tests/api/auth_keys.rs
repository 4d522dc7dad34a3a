//! Asymmetric signing: tokens signed with an Ed25519 key, verifiable with the published JWKS.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::{STAFF_PASSWORD, staff};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};

/// A throwaway Ed25519 key for tests only; never used anywhere else.
const TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHw6o/eEke4c8UZ3zgCUa3+4Tl3+EQ4OfHVZopQzgZ9J\n-----END PRIVATE KEY-----\n";

#[actix_web::test]
async fn tokens_signed_with_an_ed25519_key_verify_against_the_published_jwks() {
    let key_file = std::env::temp_dir().join(format!("ccms-test-key-{}.pem", uuid::Uuid::now_v7()));
    std::fs::write(&key_file, TEST_KEY).unwrap();
    let path = key_file.clone();
    let app = TestApp::spawn_with(move |s| {
        s.jwt_private_key_file = Some(path);
        s.jwt_key_id = "test-2026".into();
    })
    .await;
    std::fs::remove_file(&key_file).unwrap();

    let jwks: JwkSet = serde_json::from_str(&app.get("/.well-known/jwks.json").await.text).unwrap();
    assert_eq!(jwks.keys.len(), 1);
    let jwk = &jwks.keys[0];
    assert_eq!(jwk.common.key_id.as_deref(), Some("test-2026"));
    assert!(
        !app.get("/.well-known/jwks.json")
            .await
            .text
            .contains("\"d\""),
        "private part published"
    );

    let created = app
        .post_as(
            Role::Admin,
            "/api/v1/staff",
            &staff("auditor", "a@ccms.test"),
        )
        .await;
    assert_eq!(
        created.status, 401,
        "an HS256 token must not pass where EdDSA is configured"
    );

    // A token the server issues verifies with nothing but the published key.
    ccms_persistence_seed_admin(&app).await;
    let session = app.login("keyadmin@ccms.test", STAFF_PASSWORD).await.json();
    let token = session["access_token"].as_str().unwrap();
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.alg, Algorithm::EdDSA);
    assert_eq!(header.kid.as_deref(), Some("test-2026"));
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.set_audience(&["ccms-api"]);
    validation.validate_exp = false;
    let decoded =
        decode::<serde_json::Value>(token, &DecodingKey::from_jwk(jwk).unwrap(), &validation)
            .unwrap();
    assert_eq!(decoded.claims["role"], "admin");
}

/// Creates an admin straight in the store: with EdDSA configured, test HS256 tokens are refused.
async fn ccms_persistence_seed_admin(app: &TestApp) {
    let body: ccms_api::admin::NewStaffBody =
        serde_json::from_value(staff("admin", "keyadmin@ccms.test")).unwrap();
    let (new, password) = body.parse().unwrap();
    let now = ccms_api::clock::Clock::now(&app.clock);
    app.store
        .transaction(|conn| {
            let hashed = ccms_api::identity::secrets::hash_secret(password.expose())?;
            ccms_api::admin::create_staff_account(conn, &new, &hashed, now)
        })
        .unwrap();
}
