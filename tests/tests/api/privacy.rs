//! A data subject's rights over HTTP: consent withdrawn and the dataset stops publishing the
//! narrative at once (scorecards unchanged), e-mail and language corrected on every case, and
//! everything CCMS holds about the consumer downloaded as one document, naming who accessed it.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

use crate::complaints::{file, parties};

async fn narratives(app: &TestApp) -> (Vec<String>, String) {
    let page = app.get("/api/v1/public/complaints").await.json();
    let csv = app
        .send(
            app.request(Method::GET, "/api/v1/public/complaints")
                .header("accept", "text/csv"),
        )
        .await
        .text;
    let items = page["items"].as_array().unwrap();
    let found = items
        .iter()
        .filter_map(|r| r["narrative"].as_str().map(str::to_owned))
        .collect();
    (found, csv)
}

#[actix_web::test]
async fn withdrawn_consent_takes_the_narrative_out_of_the_dataset_and_leaves_the_scorecard() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01766000001").await;
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["description"] = json!("The blender I paid for in full never arrived at my door.");
    body["consent_to_publish"] = json!(true);
    let filed = file(&app, &p.consumer, &body).await.json();
    let id = filed["id"].as_str().unwrap();
    let (before, _) = narratives(&app).await;
    assert!(before.iter().any(|n| n.contains("blender")), "{before:?}");
    let scorecard = format!("/api/v1/public/scorecards/{}", p.business_id);
    let card_before = app.get(&scorecard).await.json();

    let consent = |token: String, consent: bool| {
        let app = &app;
        async move {
            let path = format!("/api/v1/complaints/{id}/consent");
            let body = json!({ "consent_to_publish": consent });
            app.send_with(&token, app.request(Method::PUT, &path).json(&body))
                .await
        }
    };
    assert_eq!(consent(p.agent.clone(), false).await.status, 403);
    let other = app.consumer_token("01766000009").await;
    assert_eq!(consent(other, false).await.status, 404);
    let version = filed["version"].as_i64().unwrap();
    let withdrawn = consent(p.consumer.clone(), false).await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.text);
    assert_eq!(withdrawn.json()["consent_to_publish"], false);
    let path = format!("/api/v1/complaints/{id}");
    let read = app
        .send_with(&p.consumer, app.request(Method::GET, &path))
        .await
        .json();
    assert_eq!(
        read["version"].as_i64(),
        Some(version + 1),
        "a reader's ETag goes stale"
    );
    assert_eq!(consent(p.consumer.clone(), false).await.status, 200);
    let again = app
        .send_with(&p.consumer, app.request(Method::GET, &path))
        .await
        .json();
    assert_eq!(
        again["version"], read["version"],
        "the same consent again changes nothing"
    );

    let (after, csv) = narratives(&app).await;
    assert!(after.iter().all(|n| !n.contains("blender")), "{after:?}");
    assert!(!csv.contains("blender"), "{csv}");
    assert_eq!(app.get(&scorecard).await.json(), card_before);
    let events = app
        .send_with(
            &p.consumer,
            app.request(Method::GET, &format!("/api/v1/complaints/{id}/events")),
        )
        .await
        .json();
    let kinds: Vec<&Value> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["kind"])
        .collect();
    assert!(kinds.contains(&&json!("consent")), "{kinds:?}");
}

#[actix_web::test]
async fn a_consumer_corrects_their_e_mail_and_language_on_every_case() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01766000002").await;
    for _ in 0..2 {
        file(
            &app,
            &p.consumer,
            &ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25"),
        )
        .await;
    }
    let correct = |body: Value| {
        let app = &app;
        let token = p.consumer.clone();
        async move {
            app.send_with(
                &token,
                app.request(Method::PATCH, "/api/v1/me/contact").json(&body),
            )
            .await
        }
    };
    let corrected = correct(json!({"email": "rahima@example.com", "language": "en"})).await;
    assert_eq!(corrected.status, 200, "{}", corrected.text);
    assert_eq!(corrected.json()["cases_updated"], 2);
    let bad = correct(json!({"email": "not an address"})).await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["errors"][0]["field"], "email");
    let staff = app
        .send_with(
            &p.agent,
            app.request(Method::PATCH, "/api/v1/me/contact")
                .json(&json!({"language": "bn"})),
        )
        .await;
    assert_eq!(staff.status, 403);

    // The business answers one case: the consumer hears in English, by SMS and at the address.
    let listed = app
        .send_with(&p.consumer, app.request(Method::GET, "/api/v1/complaints"))
        .await
        .json();
    let id = listed["items"][0]["id"].as_str().unwrap().to_owned();
    crate::complaints::act(&app, &p.agent, &id, app.proposal("A refund")).await;
    app.dispatch().await;
    let mail = app
        .store
        .read(|c| ccms_persistence::notifications::to_recipient(c, "rahima@example.com"))
        .unwrap();
    assert!(!mail.is_empty());
    assert!(
        mail.iter()
            .all(|n| n.language == ccms_domain::delivery::notice::Language::En)
    );
    // Removed: no more e-mail; what went to the address stays in the consumer's export.
    assert_eq!(
        correct(json!({"email": null})).await.json()["cases_updated"],
        2
    );
    let nothing = correct(json!({})).await;
    assert_eq!(nothing.status, 422);
    assert_eq!(nothing.json()["errors"][0]["code"], "email_or_language");
    let export = app
        .send_with(&p.consumer, app.request(Method::GET, "/api/v1/me/data"))
        .await
        .json();
    let notices = export["notices"].as_array().unwrap();
    assert!(
        notices.iter().any(|n| n["to"] == "rahima@example.com"),
        "{notices:?}"
    );
    ccms_api::audit::linker::link_waiting(&app.store).unwrap();
    let audit = app
        .get_as(Role::Auditor, "/api/v1/audit?action=account.contact")
        .await
        .text;
    assert!(
        !audit.contains("rahima@example.com"),
        "the address stays out of the audit log"
    );
}

#[actix_web::test]
async fn a_consumer_downloads_everything_held_about_them_with_who_accessed_it() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01766000003").await;
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["consumer_email"] = json!("karim@example.com");
    let filed = file(&app, &p.consumer, &body).await.json();
    let id = filed["id"].as_str().unwrap();
    app.send_with(
        &p.consumer,
        app.request(Method::POST, &format!("/api/v1/complaints/{id}/messages"))
            .json(&json!({"text": "Any news about my parcel?"})),
    )
    .await;
    // A coordinator reads the case: an official's access to personal data.
    assert_eq!(
        app.get_as(Role::Coordinator, &format!("/api/v1/complaints/{id}"))
            .await
            .status,
        200
    );
    app.dispatch().await;
    // Someone else's case stays out of it.
    let other = parties(&app, "01766000004").await;
    file(
        &app,
        &other.consumer,
        &ccms_tests::fixtures::complaint(&other.business_id, "2026-10-25"),
    )
    .await;
    ccms_api::audit::linker::link_waiting(&app.store).unwrap();

    let export = app
        .send_with(&p.consumer, app.request(Method::GET, "/api/v1/me/data"))
        .await;
    assert_eq!(export.status, 200, "{}", export.text);
    let export = export.json();
    assert_eq!(export["account"]["phone"], "+8801766000003");
    let cases = export["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["case"]["id"], id);
    assert_eq!(cases[0]["email"], "karim@example.com");
    let timeline = cases[0]["timeline"].to_string();
    assert!(timeline.contains("Any news about my parcel?"));
    let notices = export["notices"].as_array().unwrap();
    assert!(notices.iter().any(|n| n["channel"] == "sms"));
    assert!(notices.iter().any(|n| n["to"] == "karim@example.com"));
    assert!(
        export["codes_asked"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["used"] == true)
    );
    let accessed = export["accessed_by"].as_array().unwrap();
    assert!(
        accessed
            .iter()
            .any(|a| a["role"] == "coordinator" && a["action"] == "complaint.read"),
        "{accessed:?}"
    );
    assert!(
        !export.to_string().contains("01766000004"),
        "another consumer's data"
    );
    for role in [Role::Coordinator, Role::BusinessAgent, Role::Auditor] {
        assert_eq!(app.get_as(role, "/api/v1/me/data").await.status, 403);
    }
}

#[actix_web::test]
async fn naming_someone_elses_address_does_not_put_their_notices_in_your_export() {
    let app = TestApp::spawn().await;
    let victim = parties(&app, "01766000005").await;
    let mut body = ccms_tests::fixtures::complaint(&victim.business_id, "2026-10-25");
    body["consumer_email"] = json!("victim@example.com");
    let filed = file(&app, &victim.consumer, &body).await.json();
    app.dispatch().await;
    let snoop = parties(&app, "01766000006").await;
    file(
        &app,
        &snoop.consumer,
        &ccms_tests::fixtures::complaint(&snoop.business_id, "2026-10-25"),
    )
    .await;
    let corrected = app
        .send_with(
            &snoop.consumer,
            app.request(Method::PATCH, "/api/v1/me/contact")
                .json(&json!({"email": "victim@example.com"})),
        )
        .await;
    assert_eq!(corrected.status, 200);
    let export = app
        .send_with(&snoop.consumer, app.request(Method::GET, "/api/v1/me/data"))
        .await
        .text;
    let tracking = filed["tracking_number"].as_str().unwrap();
    assert!(
        !export.contains(tracking),
        "the victim's notice leaked: {export}"
    );
}

#[actix_web::test]
async fn a_case_filed_for_your_phone_that_you_never_confirmed_exports_as_itself_only() {
    let app = TestApp::spawn().await;
    let d = crate::intake::desk(&app, "01766000007").await;
    let mut body = ccms_tests::fixtures::complaint(&d.p.business_id, "2026-10-25");
    body["consumer_phone"] = json!("01766000008");
    body["consumer_email"] = json!("caller-said@example.com");
    body["description"] = json!("What the caller told the hotline about the parcel.");
    let filed = file(&app, &d.operator, &body).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    let owner = app.consumer_token("01766000008").await;
    let export = app
        .send_with(&owner, app.request(Method::GET, "/api/v1/me/data"))
        .await
        .json();
    let case = &export["cases"][0];
    assert_eq!(case["case"]["state"], "submitted");
    assert!(case["email"].is_null());
    assert_eq!(case["timeline"].as_array().unwrap().len(), 0);
    assert!(
        !export["notices"]
            .to_string()
            .contains("caller-said@example.com")
    );
}
