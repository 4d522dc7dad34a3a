//! Evidence files: typed by their bytes, fingerprinted, and only for those who see the case.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::{business, complaint};
use reqwest::Method;
use reqwest::multipart::{Form, Part};

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
];

async fn case(app: &TestApp, phone: &str) -> (String, String) {
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    let consumer = app.consumer_token(phone).await;
    let body = complaint(shop["id"].as_str().unwrap(), "2026-10-25");
    let filed = app
        .send_with(
            &consumer,
            app.request(Method::POST, "/api/v1/complaints").json(&body),
        )
        .await
        .json();
    (filed["id"].as_str().unwrap().to_owned(), consumer)
}

fn form(bytes: &[u8], name: &str, claimed_type: &str) -> Form {
    Form::new().part(
        "file",
        Part::bytes(bytes.to_vec())
            .file_name(name.to_owned())
            .mime_str(claimed_type)
            .unwrap(),
    )
}

#[actix_web::test]
async fn a_photo_is_stored_with_its_hash_and_served_back_to_the_parties_only() {
    let app = TestApp::spawn().await;
    let (id, consumer) = case(&app, "01744444444").await;
    let path = format!("/api/v1/complaints/{id}/evidence");
    let upload =
        app.request(Method::POST, &path)
            .multipart(form(PNG, "../../receipt.png", "image/png"));
    let stored = app.send_with(&consumer, upload).await;
    assert_eq!(stored.status, 201, "{}", stored.text);
    let item = stored.json();
    assert_eq!(item["kind"], "png");
    assert_eq!(item["file_name"], "receipt.png");
    assert_eq!(item["sha256"].as_str().unwrap().len(), 64);

    let location = stored.header("location").unwrap().to_owned();
    let download = app
        .send_with(&consumer, app.request(Method::GET, &location))
        .await;
    assert_eq!(download.status, 200);
    assert_eq!(download.header("content-type"), Some("image/png"));
    let stranger = app.consumer_token("01755551234").await;
    app.send_with(&stranger, app.request(Method::GET, &location))
        .await
        .problem(404, "not_found");
    let listed = app
        .send_with(&consumer, app.request(Method::GET, &path))
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn a_file_whose_bytes_are_not_an_allowed_type_is_refused_whatever_it_claims() {
    let app = TestApp::spawn().await;
    let (id, consumer) = case(&app, "01744444445").await;
    let path = format!("/api/v1/complaints/{id}/evidence");
    let disguised = form(
        b"MZ\x90\x00\x03 this is an executable",
        "invoice.pdf",
        "application/pdf",
    );
    let refused = app
        .send_with(
            &consumer,
            app.request(Method::POST, &path).multipart(disguised),
        )
        .await;
    assert_eq!(
        refused.problem(422, "validation_failed")["errors"][0]["code"],
        "evidence_type"
    );
    let listed = app
        .send_with(&consumer, app.request(Method::GET, &path))
        .await
        .json();
    assert!(listed.as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn a_file_over_the_limit_is_refused_with_413() {
    let app = TestApp::spawn_with(|s| s.evidence_max_bytes = 1024).await;
    let (id, consumer) = case(&app, "01744444446").await;
    let mut big = PNG.to_vec();
    big.resize(4096, 0);
    let upload = app
        .request(Method::POST, &format!("/api/v1/complaints/{id}/evidence"))
        .multipart(form(&big, "big.png", "image/png"));
    app.send_with(&consumer, upload)
        .await
        .problem(413, "payload_too_large");
}

#[actix_web::test]
async fn forty_parallel_uploads_to_one_case_store_exactly_thirty() {
    let app = TestApp::spawn().await;
    let (id, consumer) = case(&app, "01744444448").await;
    let path = format!("/api/v1/complaints/{id}/evidence");
    let uploads = (0..40).map(|n| {
        let upload = app.request(Method::POST, &path).multipart(form(
            PNG,
            &format!("photo-{n}.png"),
            "image/png",
        ));
        app.send_with(&consumer, upload)
    });
    let answers = futures_util::future::join_all(uploads).await;
    let stored = answers.iter().filter(|a| a.status == 201).count();
    let refused = answers
        .iter()
        .filter(|a| a.text.contains("\"evidence_quota\""))
        .count();
    assert_eq!((stored, refused), (30, 10));
    let listed = app
        .send_with(&consumer, app.request(Method::GET, &path))
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 30);
}

#[actix_web::test]
async fn a_case_takes_thirty_files_and_refuses_the_thirty_first() {
    let app = TestApp::spawn().await;
    let (id, consumer) = case(&app, "01744444447").await;
    let path = format!("/api/v1/complaints/{id}/evidence");
    for n in 0..30 {
        let upload = app.request(Method::POST, &path).multipart(form(
            PNG,
            &format!("photo-{n}.png"),
            "image/png",
        ));
        assert_eq!(app.send_with(&consumer, upload).await.status, 201);
    }
    let upload = app
        .request(Method::POST, &path)
        .multipart(form(PNG, "one-more.png", "image/png"));
    let refused = app.send_with(&consumer, upload).await;
    assert_eq!(
        refused.problem(422, "validation_failed")["errors"][0]["code"],
        "evidence_quota"
    );
    let listed = app
        .send_with(&consumer, app.request(Method::GET, &path))
        .await
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 30);
}

/// The files of a case in the local store.
fn stored_files(app: &TestApp, case: &str) -> usize {
    std::fs::read_dir(app.database.evidence_dir().join(case)).map_or(0, |d| d.count())
}

#[actix_web::test]
async fn an_upload_whose_record_fails_leaves_no_object_behind() {
    let app = TestApp::spawn().await;
    let (id, consumer) = case(&app, "01744444471").await;
    // The record's insert fails in the database, after the bytes were stored.
    app.store
        .transaction(|conn| {
            let statements: &[&str] = match conn {
                ccms_persistence::DbConnection::Pg(_) => &[
                    "CREATE FUNCTION refuse_evidence() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER refuse_evidence BEFORE INSERT ON evidence \
                     FOR EACH ROW EXECUTE FUNCTION refuse_evidence()",
                ],
                ccms_persistence::DbConnection::Sqlite(_) => {
                    &["CREATE TRIGGER refuse_evidence BEFORE INSERT ON evidence \
                     BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"]
                }
            };
            for statement in statements {
                diesel::RunQueryDsl::execute(diesel::sql_query(*statement), conn)?;
            }
            Ok::<_, ccms_persistence::StoreError>(())
        })
        .unwrap();
    let path = format!("/api/v1/complaints/{id}/evidence");
    let upload = app
        .request(Method::POST, &path)
        .multipart(form(PNG, "receipt.png", "image/png"));
    let refused = app.send_with(&consumer, upload).await;
    refused.problem(500, "internal_error");
    assert_eq!(
        stored_files(&app, &id),
        0,
        "the bytes went with the failed record"
    );
}

#[actix_web::test]
async fn an_object_without_a_record_is_collected_once_older_than_an_upload_could_take() {
    let app = TestApp::spawn().await;
    let (id, consumer) = case(&app, "01744444472").await;
    let path = format!("/api/v1/complaints/{id}/evidence");
    let upload = app
        .request(Method::POST, &path)
        .multipart(form(PNG, "receipt.png", "image/png"));
    assert_eq!(app.send_with(&consumer, upload).await.status, 201);
    // Bytes stored with no record (a crash between the two), under the same case.
    let stray = ccms_persistence::complaints::evidence::Evidence {
        id: uuid::Uuid::now_v7(),
        complaint_id: id.parse().unwrap(),
        file_name: "stray.png".into(),
        kind: ccms_domain::complaint::evidence::EvidenceKind::Png,
        size_bytes: 16,
        sha256: String::new(),
        uploaded_by: "nobody".into(),
        role: "consumer".into(),
        uploaded_at: chrono::Utc::now(),
        erased_at: None,
    };
    app.evidence.save(&stray, PNG.to_vec()).await.unwrap();
    assert_eq!(stored_files(&app, &id), 2);
    // A file under a name CCMS never makes (someone else's, in a shared directory).
    let foreign = app.database.evidence_dir().join("notes.txt");
    std::fs::write(&foreign, b"not evidence").unwrap();

    let now = chrono::Utc::now();
    let early = app.upkeep(now, true).await;
    assert_eq!(
        early.objects_removed, 0,
        "it may be an upload whose record is on its way"
    );
    let late = app
        .upkeep(now + ccms_api::evidence_store::GRACE, true)
        .await;
    assert_eq!(late.objects_removed, 1);
    assert_eq!(stored_files(&app, &id), 1, "the recorded file stays");
    assert!(foreign.exists(), "what is not ours is left alone");
    let listed = app
        .send_with(&consumer, app.request(Method::GET, &path))
        .await
        .json();
    let recorded = listed[0]["id"].as_str().unwrap();
    let read = app
        .send_with(
            &consumer,
            app.request(Method::GET, &format!("{path}/{recorded}")),
        )
        .await;
    assert_eq!(read.status, 200);
}
