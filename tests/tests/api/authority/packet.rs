//! The referral packet against its schema in the contract, and its hashes against the files.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;
use serde_json::json;

use super::super::complaints::{act, file, parties};

use super::{get, ok};

#[actix_web::test]
async fn the_packet_validates_against_its_schema_and_its_hashes_match_the_stored_files() {
    let app = TestApp::spawn().await;
    let evidence_dir = app.database.evidence_dir();
    let p = parties(&app, "01722000004").await;
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["category"] = json!("non_delivery");
    let id = ok(file(&app, &p.consumer, &body).await, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let png: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 7, 7,
    ];
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(png.to_vec())
            .file_name("receipt.png")
            .mime_str("image/png")
            .unwrap(),
    );
    let upload = app
        .request(Method::POST, &format!("/api/v1/complaints/{id}/evidence"))
        .multipart(form);
    let stored = ok(app.send_with(&p.consumer, upload).await, 201);
    ok(
        act(&app, &p.agent, &id, app.proposal("A voucher")).await,
        200,
    );
    ok(
        act(&app, &p.consumer, &id, json!({"action": "reject"})).await,
        200,
    );

    let packet = ok(
        get(&app, &p.officer, &format!("/api/v1/complaints/{id}/packet")).await,
        200,
    );
    get(
        &app,
        &p.consumer,
        &format!("/api/v1/complaints/{id}/packet"),
    )
    .await
    .problem(403, "forbidden");

    let audited = app
        .get_as(Role::Auditor, &format!("/api/v1/complaints/{id}/packet"))
        .await
        .json();
    assert_eq!(
        audited["consumer"]["phone"], "+88017*****004",
        "auditors see a masked number"
    );
    assert_eq!(packet["consumer"]["phone"], "+8801722000004");

    let contract = app.get("/api-docs/openapi.json").await.json();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/components/schemas/ReferralPacket",
        "components": contract["components"],
    });
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&packet)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(packet["packet_version"], "1");
    assert_eq!(
        packet["case"]["tracking_number"],
        ok(
            get(&app, &p.officer, &format!("/api/v1/complaints/{id}")).await,
            200
        )["tracking_number"]
    );

    let listed = packet["evidence"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], stored["id"]);
    let bytes = std::fs::read(
        evidence_dir
            .join(&id)
            .join(listed[0]["id"].as_str().unwrap()),
    )
    .unwrap();
    let digest: String =
        sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(&bytes))
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
    assert_eq!(listed[0]["sha256"].as_str().unwrap(), digest);
}
