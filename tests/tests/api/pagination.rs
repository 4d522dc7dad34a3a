//! Cursor pagination: stable while rows are being added.

use std::collections::HashSet;

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::business;

#[actix_web::test]
async fn paging_neither_repeats_nor_skips_while_businesses_are_added() {
    let app = TestApp::spawn().await;
    let mut originals = HashSet::new();
    for _ in 0..12 {
        let created = app
            .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
            .await
            .json();
        originals.insert(created["id"].as_str().unwrap().to_owned());
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/businesses?limit=5&cursor={c}"),
            None => "/api/v1/businesses?limit=5".to_owned(),
        };
        let page = app.get(&path).await.json();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        // Someone registers another business between every two pages.
        app.post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
            .await;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
        assert!(seen.len() < 100, "paging does not end");
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "an item was repeated");
    assert!(
        originals.iter().all(|id| unique.contains(id)),
        "an item was skipped"
    );
}

#[actix_web::test]
async fn a_cursor_this_server_did_not_issue_answers_400() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/businesses?cursor=bm90LWEtY3Vyc29y")
        .await
        .problem(400, "invalid_cursor");
    // Well formed (24 characters of the alphabet), yet never issued.
    for path in [
        "/api/v1/businesses",
        "/api/v1/agencies",
        "/api/v1/public/complaints",
    ] {
        app.get(&format!("{path}?cursor={}", "A".repeat(24)))
            .await
            .problem(400, "invalid_cursor");
    }
    app.get("/api/v1/agencies?limit=101")
        .await
        .problem(400, "invalid_parameter");
}
