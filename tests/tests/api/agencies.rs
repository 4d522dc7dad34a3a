//! The agency registry.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::agency;
use serde_json::json;

#[actix_web::test]
async fn a_coordinator_registers_an_agency_that_anyone_can_read() {
    let app = TestApp::spawn().await;
    let created = app
        .post_as(Role::Coordinator, "/api/v1/agencies", &agency("BTRC"))
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.header("location"), Some("/api/v1/agencies/BTRC"));
    let read = app.get("/api/v1/agencies/btrc").await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json()["name_bn"], "পরীক্ষা সংস্থা BTRC");
    let listed = app.get("/api/v1/agencies").await.json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn agency_codes_are_unique_and_well_formed() {
    let app = TestApp::spawn().await;
    app.post_as(Role::Coordinator, "/api/v1/agencies", &agency("BB"))
        .await;
    let again = app
        .post_as(Role::Coordinator, "/api/v1/agencies", &agency("BB"))
        .await;
    assert_eq!(
        again.problem(409, "already_registered")["errors"][0]["field"],
        "code"
    );
    let lower = app
        .post_as(Role::Coordinator, "/api/v1/agencies", &agency("bb2"))
        .await;
    assert_eq!(
        lower.problem(422, "validation_failed")["errors"][0]["code"],
        "agency_code_format"
    );
}

#[actix_web::test]
async fn an_agency_can_be_deactivated_but_keeps_its_code() {
    let app = TestApp::spawn().await;
    app.post_as(Role::Coordinator, "/api/v1/agencies", &agency("DGDA"))
        .await;
    let changed = app
        .patch_as(
            Role::Coordinator,
            "/api/v1/agencies/DGDA",
            &json!({"active": false, "contact_email": null}),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    let body = changed.json();
    assert_eq!(body["active"], false);
    assert_eq!(body["contact_email"], serde_json::Value::Null);
    assert_eq!(body["code"], "DGDA");
    let renamed = app
        .patch_as(
            Role::Coordinator,
            "/api/v1/agencies/DGDA",
            &json!({"code": "X"}),
        )
        .await;
    assert_eq!(
        renamed.problem(422, "validation_failed")["errors"][0]["code"],
        "unknown_field"
    );
}

#[actix_web::test]
async fn an_unknown_agency_is_not_found_and_non_coordinators_cannot_write() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/agencies/NOPE")
        .await
        .problem(404, "not_found");
    app.post_as(Role::Regulator, "/api/v1/agencies", &agency("BSTI"))
        .await
        .problem(403, "forbidden");
}
