//! Personal data over its life: a closed case erased when its retention runs out (not a second
//! before), the statistics and the open dataset unchanged, its evidence bytes gone from the
//! store; a legal hold keeping it; a consumer's own erasure request, refused with its reason
//! where a bar applies; and the audit chain verifying after erasure, while an edited entry is
//! still named.

use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::complaints::{file, moved, parties};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
];
/// The shipped policy's retention of a closed case.
const RETENTION_DAYS: i64 = 1095;
const NARRATIVE: &str = "The fan never came; call me on 01712345678 or write to rahim@example.com.";

/// A case with personal data everywhere it can be: a narrative with a number and an address
/// (published with consent), an e-mail for notices, a message, and a photo; then withdrawn.
/// Its id, evidence id and closing time.
async fn closed_case(
    app: &TestApp,
    p: &crate::complaints::Parties,
) -> (String, String, DateTime<Utc>) {
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["description"] = json!(NARRATIVE);
    body["consent_to_publish"] = json!(true);
    body["consumer_email"] = json!("rahim@example.com");
    let filed = file(app, &p.consumer, &body).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let id = filed.json()["id"].as_str().unwrap().to_owned();
    let said = app
        .send_with(
            &p.consumer,
            app.request(Method::POST, &format!("/api/v1/complaints/{id}/messages"))
                .json(&json!({"text": "My bKash is 01812345678, please refund there."})),
        )
        .await;
    assert_eq!(said.status, 201, "{}", said.text);
    let form = Form::new().part(
        "file",
        Part::bytes(PNG.to_vec())
            .file_name("nid-rahim.png")
            .mime_str("image/png")
            .unwrap(),
    );
    let path = format!("/api/v1/complaints/{id}/evidence");
    let stored = app
        .send_with(
            &p.consumer,
            app.request(Method::POST, &path).multipart(form),
        )
        .await;
    assert_eq!(stored.status, 201, "{}", stored.text);
    let evidence = stored.json()["id"].as_str().unwrap().to_owned();
    moved(
        app,
        &p.consumer,
        &id,
        json!({"action": "withdraw"}),
        "withdrawn",
    )
    .await;
    (id, evidence, app.clock.now())
}

async fn read(app: &TestApp, token: &str, path: &str) -> Value {
    let answer = app.send_with(token, app.request(Method::GET, path)).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()
}

fn object_exists(app: &TestApp, case: &str, evidence: &str) -> bool {
    app.database
        .evidence_dir()
        .join(case)
        .join(evidence)
        .exists()
}

async fn verify(app: &TestApp) -> Value {
    ccms_api::audit::linker::link_waiting(&app.store).unwrap();
    let answer = app.get_as(Role::Auditor, "/api/v1/audit/verify").await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()
}

#[actix_web::test]
async fn a_closed_case_is_kept_until_its_retention_ends_and_then_erased_without_changing_the_statistics()
 {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01733000001").await;
    let (id, evidence, closed) = closed_case(&app, &p).await;
    let case_path = format!("/api/v1/complaints/{id}");
    let scorecard = format!("/api/v1/public/scorecards/{}", p.business_id);
    let (dataset, card) = (
        app.get("/api/v1/public/complaints").await.json(),
        app.get(&scorecard).await.json(),
    );
    let statistics = app
        .get_as(Role::Coordinator, "/api/v1/statistics")
        .await
        .json();
    assert!(object_exists(&app, &id, &evidence));

    let end = closed + Duration::days(RETENTION_DAYS);
    let early = app.upkeep(end - Duration::seconds(1), false).await;
    assert_eq!(
        early.erased, 0,
        "one second before its retention ends, the case is kept"
    );
    assert!(read(&app, &p.consumer, &case_path).await["erased_at"].is_null());
    let done = app.upkeep(end, false).await;
    assert_eq!((done.erased, done.objects_removed), (1, 1));
    assert_eq!(app.upkeep(end, false).await.erased, 0, "erased once");

    let case = read(&app, &p.consumer, &case_path).await;
    assert!(case["erased_at"].is_string(), "{case}");
    let text = read(&app, &p.coordinator, &case_path).await.to_string()
        + &read(&app, &p.coordinator, &format!("{case_path}/events"))
            .await
            .to_string()
        + &read(&app, &p.coordinator, &format!("{case_path}/evidence"))
            .await
            .to_string();
    for personal in [
        "01712345678",
        "rahim@example.com",
        "01812345678",
        "nid-rahim",
        "1733000001",
    ] {
        assert!(
            !text.contains(personal),
            "{personal} left after erasure: {text}"
        );
    }
    assert!(
        !object_exists(&app, &id, &evidence),
        "the photo's bytes are gone from the store"
    );
    let download = app
        .send_with(
            &p.coordinator,
            app.request(Method::GET, &format!("{case_path}/evidence/{evidence}")),
        )
        .await;
    download.problem(410, "erased");
    // An erased case takes nothing more that would be personal data again.
    let said = app
        .send_with(
            &p.consumer,
            app.request(Method::POST, &format!("{case_path}/messages"))
                .json(&json!({"text": "my new number is 01912345678"})),
        )
        .await;
    said.problem(410, "erased");
    let form = Form::new().part(
        "file",
        Part::bytes(PNG.to_vec())
            .file_name("again.png")
            .mime_str("image/png")
            .unwrap(),
    );
    let upload = app
        .send_with(
            &p.consumer,
            app.request(Method::POST, &format!("{case_path}/evidence"))
                .multipart(form),
        )
        .await;
    upload.problem(410, "erased");
    let export = read(&app, &p.consumer, "/api/v1/me/data").await.to_string();
    assert!(
        !export.contains("rahim@example.com") && !export.contains("01812345678"),
        "{export}"
    );

    assert_eq!(
        app.get("/api/v1/public/complaints").await.json(),
        dataset,
        "the dataset reads the same"
    );
    assert_eq!(app.get(&scorecard).await.json(), card);
    assert_eq!(
        app.get_as(Role::Coordinator, "/api/v1/statistics")
            .await
            .json(),
        statistics
    );
    // Consent can still be withdrawn on an erased case (never given again): the narrative it
    // kept in its published form goes too.
    let consent = format!("{case_path}/consent");
    let set = |token: String, value: bool| {
        let (app, consent) = (&app, &consent);
        async move {
            let body = json!({ "consent_to_publish": value });
            app.send_with(&token, app.request(Method::PUT, consent).json(&body))
                .await
        }
    };
    set(p.consumer.clone(), true).await.problem(410, "erased");
    let withdrawn = set(p.consumer.clone(), false).await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    let published = app.get("/api/v1/public/complaints").await.text;
    assert!(!published.contains("The fan never came"), "{published}");
}

#[actix_web::test]
async fn a_legal_hold_keeps_a_case_from_erasure_until_a_coordinator_lifts_it() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01733000002").await;
    let (id, evidence, closed) = closed_case(&app, &p).await;
    let hold = format!("/api/v1/complaints/{id}/legal-hold");
    let body = json!({"reason": "Dhaka Sessions Court, Misc. Case 412/2026"});
    for token in [&p.agent, &p.consumer, &p.officer] {
        let refused = app
            .send_with(token, app.request(Method::PUT, &hold).json(&body))
            .await;
        assert!(
            refused.status == 403 || refused.status == 404,
            "{}",
            refused.text
        );
    }
    let placed = app
        .send_with(&p.coordinator, app.request(Method::PUT, &hold).json(&body))
        .await;
    assert_eq!(placed.status, 200, "{}", placed.text);
    assert_eq!(
        read(&app, &p.coordinator, &hold).await["reason"],
        body["reason"]
    );

    let end = closed + Duration::days(RETENTION_DAYS) + Duration::days(30);
    assert_eq!(
        app.upkeep(end, false).await.erased,
        0,
        "held past its retention"
    );
    let asked = app
        .send_with(&p.consumer, app.request(Method::POST, "/api/v1/me/erasure"))
        .await;
    assert_eq!(asked.status, 200, "{}", asked.text);
    let asked = asked.json();
    assert_eq!(asked["erased"], json!([]));
    assert_eq!(asked["refused"][0]["reason"], "legal_hold");
    assert!(
        asked["refused"][0]["message_bn"]
            .as_str()
            .unwrap()
            .contains("ডিএনসিআরপি")
    );
    assert_eq!(
        asked["account_erased"], false,
        "a held case keeps the account too"
    );
    assert!(object_exists(&app, &id, &evidence));

    let lift = || app.send_with(&p.coordinator, app.request(Method::DELETE, &hold));
    assert_eq!(lift().await.status, 204);
    lift().await.problem(404, "not_found");
    assert_eq!(
        app.upkeep(end, false).await.erased,
        1,
        "erased at the next sweep once lifted"
    );
    let again = app
        .send_with(&p.coordinator, app.request(Method::PUT, &hold).json(&body))
        .await;
    again.problem(410, "erased");
}

#[actix_web::test]
async fn a_consumer_erases_their_data_early_except_an_open_case_which_is_refused_with_its_reason() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01733000003").await;
    let (closed_id, evidence, _) = closed_case(&app, &p).await;
    let open = file(
        &app,
        &p.consumer,
        &ccms_tests::fixtures::complaint(&p.business_id, "2026-10-26"),
    )
    .await;
    let open = open.json();
    let erase = |token: String| {
        let app = &app;
        async move {
            app.send_with(&token, app.request(Method::POST, "/api/v1/me/erasure"))
                .await
        }
    };
    erase(p.agent.clone()).await.problem(403, "forbidden");
    let (before, _) = (app.get("/api/v1/public/complaints").await.text, ());
    assert!(
        before.contains("The fan never came"),
        "published with consent: {before}"
    );
    let first = erase(p.consumer.clone()).await;
    assert_eq!(first.status, 200, "{}", first.text);
    let first = first.json();
    assert_eq!(first["erased"].as_array().unwrap().len(), 1);
    assert_eq!(
        first["refused"][0]["tracking_number"],
        open["tracking_number"]
    );
    assert_eq!(first["refused"][0]["reason"], "case_open");
    assert_eq!(first["account_erased"], false);
    assert!(
        !object_exists(&app, &closed_id, &evidence),
        "its bytes went at once"
    );
    let after = app.get("/api/v1/public/complaints").await.text;
    assert!(
        !after.contains("The fan never came"),
        "asked by the consumer, consent ends and the narrative goes too: {after}"
    );
    let other = read(
        &app,
        &p.coordinator,
        &format!("/api/v1/complaints/{}", open["id"].as_str().unwrap()),
    )
    .await;
    assert!(other["erased_at"].is_null(), "the open case is untouched");

    let open_id = open["id"].as_str().unwrap();
    moved(
        &app,
        &p.consumer,
        open_id,
        json!({"action": "withdraw"}),
        "withdrawn",
    )
    .await;
    let second = erase(p.consumer.clone()).await.json();
    assert_eq!(second["erased"].as_array().unwrap().len(), 1);
    assert_eq!(second["refused"], json!([]));
    assert_eq!(
        second["account_erased"], true,
        "nothing is kept: the account goes too"
    );
    let fresh = app.consumer_token("01733000003").await;
    let mine = read(&app, &fresh, "/api/v1/complaints").await;
    assert_eq!(
        mine["items"],
        json!([]),
        "signing in again starts afresh: {mine}"
    );
}

#[actix_web::test]
async fn the_audit_chain_verifies_after_erasure_and_still_names_an_edited_entry() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01733000004").await;
    let (_, _, closed) = closed_case(&app, &p).await;
    assert_eq!(verify(&app).await["intact"], true);
    assert_eq!(
        app.upkeep(closed + Duration::days(RETENTION_DAYS), false)
            .await
            .erased,
        1
    );
    let after = verify(&app).await;
    assert_eq!(after["intact"], true, "{after}");
    // No entry holds the phone, the address or the words: they are not in the chain at all.
    let log = app
        .get_as(Role::Auditor, "/api/v1/audit?limit=200")
        .await
        .text;
    for personal in ["1733000004", "rahim@example.com", "01812345678"] {
        assert!(!log.contains(personal), "{personal} in the audit log");
    }
    let erasures = app
        .get_as(Role::Auditor, "/api/v1/audit?action=complaint.erase")
        .await
        .json();
    assert_eq!(
        erasures["items"][0]["detail"]["ground"], "retention",
        "{erasures}"
    );
    crate::audit::tamper(
        &app,
        "UPDATE audit_entries SET actor = 'someone-else' WHERE chain_index = 2",
    );
    let edited = verify(&app).await;
    assert_eq!(edited["intact"], false);
    assert_eq!(edited["first_break"]["chain_index"], 2);
}
