//! Staff sign in with a password; sessions refresh by rotation and die on reuse or logout.

use ccms_tests::TestApp;
use ccms_tests::fixtures::{STAFF_PASSWORD, staff};
use chrono::Duration;
use serde_json::json;

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_e_mail_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.create_staff(staff("coordinator", "coord@ccms.test"))
        .await;
    let ok = app.login("Coord@CCMS.test", STAFF_PASSWORD).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    let wrong = app
        .login("coord@ccms.test", "not the password at all")
        .await
        .problem(401, "invalid_credentials");
    let unknown = app
        .login("nobody@ccms.test", STAFF_PASSWORD)
        .await
        .problem(401, "invalid_credentials");
    assert_eq!(wrong["detail"], unknown["detail"]);
}

#[actix_web::test]
async fn five_failures_lock_the_address_for_fifteen_minutes_even_for_the_right_password() {
    let app = TestApp::spawn().await;
    app.create_staff(staff("auditor", "audit@ccms.test")).await;
    for _ in 0..5 {
        app.login("audit@ccms.test", "wrong password, again")
            .await
            .problem(401, "invalid_credentials");
    }
    let locked = app.login("audit@ccms.test", STAFF_PASSWORD).await;
    locked.problem(429, "rate_limited");
    assert_eq!(locked.header("retry-after"), Some("900"));
    // An unknown address locks the same way, so a lock reveals nothing.
    for _ in 0..5 {
        app.login("ghost@ccms.test", "wrong password, again").await;
    }
    app.login("ghost@ccms.test", "wrong password, again")
        .await
        .problem(429, "rate_limited");
    app.clock.advance(Duration::minutes(15));
    assert_eq!(
        app.login("audit@ccms.test", STAFF_PASSWORD).await.status,
        200
    );
}

#[actix_web::test]
async fn a_refresh_token_rotates_and_reusing_a_spent_one_revokes_the_whole_chain() {
    let app = TestApp::spawn().await;
    app.create_staff(staff("admin", "root@ccms.test")).await;
    let first = app.login("root@ccms.test", STAFF_PASSWORD).await.json();
    let first_refresh = first["refresh_token"].as_str().unwrap().to_owned();

    let second = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": first_refresh}),
        )
        .await;
    assert_eq!(second.status, 200, "{}", second.text);
    let second_refresh = second.json()["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(first_refresh, second_refresh);

    // The first token comes back: somebody copied it. Both it and its successor die.
    app.post(
        "/api/v1/auth/refresh",
        &json!({"refresh_token": first_refresh}),
    )
    .await
    .problem(401, "invalid_refresh_token");
    app.post(
        "/api/v1/auth/refresh",
        &json!({"refresh_token": second_refresh}),
    )
    .await
    .problem(401, "invalid_refresh_token");
}

#[actix_web::test]
async fn logout_revokes_the_session_and_an_expired_refresh_token_is_refused() {
    let app = TestApp::spawn().await;
    app.create_staff(staff("coordinator", "c2@ccms.test")).await;
    let session = app.login("c2@ccms.test", STAFF_PASSWORD).await.json();
    let refresh = session["refresh_token"].as_str().unwrap();
    assert_eq!(
        app.post("/api/v1/auth/logout", &json!({"refresh_token": refresh}))
            .await
            .status,
        204
    );
    app.post("/api/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await
        .problem(401, "invalid_refresh_token");

    let later = app.login("c2@ccms.test", STAFF_PASSWORD).await.json();
    app.clock.advance(Duration::days(31));
    let refresh = later["refresh_token"].as_str().unwrap();
    app.post("/api/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await
        .problem(401, "invalid_refresh_token");
}

#[actix_web::test]
async fn a_disabled_account_cannot_sign_in_or_refresh() {
    let app = TestApp::spawn().await;
    let agency = ccms_tests::fixtures::agency("DNCRP");
    app.post_as(
        ccms_domain::access::Role::Coordinator,
        "/api/v1/agencies",
        &agency,
    )
    .await;
    let mut officer = staff("officer", "officer@dncrp.test");
    officer["agency"] = json!("DNCRP");
    let id = app.create_staff(officer).await;
    let session = app.login("officer@dncrp.test", STAFF_PASSWORD).await.json();
    let disabled = app
        .patch_as(
            ccms_domain::access::Role::Admin,
            &format!("/api/v1/staff/{id}"),
            &json!({"disabled": true}),
        )
        .await;
    assert_eq!(disabled.status, 200, "{}", disabled.text);
    app.login("officer@dncrp.test", STAFF_PASSWORD)
        .await
        .problem(401, "invalid_credentials");
    let refresh = session["refresh_token"].as_str().unwrap();
    app.post("/api/v1/auth/refresh", &json!({"refresh_token": refresh}))
        .await
        .problem(401, "invalid_refresh_token");
}
