//! Asymmetric signing: tokens signed with an Ed25519 key, verifiable with the published JWKS;
//! RSA keys refused.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::{STAFF_PASSWORD, staff};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};

/// A throwaway Ed25519 key for tests only; never used anywhere else.
const TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIHw6o/eEke4c8UZ3zgCUa3+4Tl3+EQ4OfHVZopQzgZ9J\n-----END PRIVATE KEY-----\n";

/// A throwaway 1024-bit RSA key, for the refusal only.
const RSA_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBALpUFYDQ3RZ8UUjo\nFvRYUaF7x/8ikAJKRWcm64tlrpCQo17EqFVecGpF+q8p71sKwx1z9crQPoMvZaSz\npIiBBxQj7iRfEbdtvwxKbQSACrTCUKlO/DJIF3WCYGl72rFylHFjI5Ojfl+VDV8l\nOrRZ7DwP82J6jbEDbTmTAlezhV9HAgMBAAECgYEAoopLH84Tr1PPTLw5mfmZbDcg\npi4uVfEYTf2jqDyRZUbnXPpMpfv2MJ7PKhJ43ICs6HqJxdyXS7UDBAQ52WJFGwx7\ngVHrt+zhbmROsKtGGqyhl2aQLP8gJHWQ6OXf++KdxgJS5voBvenBp32QAjDznQcA\nCnWlMbEdqOQ2JmH9BGECQQDrw/k778zaNuo2Wcj9WWEOr0aWhsJyrIMFKFGxT40O\np3+KwAYYxVAo2J+Ww0VlClzCal0J+pnxVxFCagtIsippAkEAylHsh7pMjKpkYQSf\nC3qyd9Tqtn2I6bKKk7EgtSTwtDu3dlrugG31LPZm2Cplrt3+mbeMfB69cvkD9H+R\nq+QmLwJBAMjjaWC6yZA+Ln81Ld9B40OB8eGc3d6cQ9+HJWSx5f1Ql4qAaDF/HvhO\n7Fyn8l9P3w4BV1mDYNyVVa2Dci31MdECQHWB/48VdUB99q8ir/1K1j0jPO+hGdQi\nDrqZNhX/zo3f4T6ssbmGI9BpjHIgrc5SwX0mTkII2J/eYZ2wOjtL16ECQQC4vjwE\n3e8dmp6MXJ0syeCCKZYnkCuRnOttGZj4FaW2Xb7VwBypKlcoui8CTVV2deaaiIPv\nIPJlwKpxB9vUugkK\n-----END PRIVATE KEY-----\n";

#[test]
fn an_rsa_key_is_refused_with_how_to_make_an_ed25519_one() {
    let key_file = std::env::temp_dir().join(format!("ccms-test-rsa-{}.pem", uuid::Uuid::now_v7()));
    std::fs::write(&key_file, RSA_KEY).unwrap();
    let settings = ccms_api::Settings {
        jwt_private_key_file: Some(key_file.clone()),
        ..ccms_api::Settings::for_database("unused.db")
    };
    let refused = settings.token_keys().err().map(|e| e.to_string());
    std::fs::remove_file(&key_file).unwrap();
    let refused = refused.expect("an RSA key must be refused");
    assert!(
        refused.contains("openssl genpkey -algorithm ed25519"),
        "{refused}"
    );
    assert!(refused.contains("RUSTSEC-2023-0071"), "{refused}");
}

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
