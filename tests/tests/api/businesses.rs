//! The business registry: coordinators write, the public finds active businesses.

use ccms_domain::access::Role;
use ccms_persistence::audit;
use ccms_tests::TestApp;
use ccms_tests::fixtures::business;
use reqwest::Method;
use serde_json::{Value, json};

async fn register(app: &TestApp, body: Value) -> Value {
    let answer = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &body)
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json()
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["legal_name"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn a_registered_business_is_found_by_name_dbid_and_domain_without_login() {
    let app = TestApp::spawn().await;
    let body = business()
        .named("Padma Electronics Ltd.")
        .set("trade_names", json!(["পদ্মা ইলেকট্রনিক্স"]))
        .set(
            "web_domains",
            json!(["https://www.Padma-Electronics.com.bd/offers"]),
        )
        .set("dbid", json!("dbid-7788"))
        .json();
    let created = register(&app, body).await;
    assert_eq!(created["web_domains"], json!(["padma-electronics.com.bd"]));
    assert_eq!(created["dbid"], "DBID-7788");
    register(&app, business().named("Meghna Books").json()).await;

    for query in [
        "q=padma",
        "q=%E0%A6%AA%E0%A6%A6%E0%A7%8D%E0%A6%AE%E0%A6%BE",
        "dbid=DBID-7788",
        "web_domain=padma-electronics.com.bd",
        "web_domain=https://padma-electronics.com.bd/item/5",
    ] {
        let found = app.get(&format!("/api/v1/businesses?{query}")).await.json();
        assert_eq!(
            names(&found),
            vec!["Padma Electronics Ltd."],
            "query {query}"
        );
    }
    let one = app
        .get(&format!(
            "/api/v1/businesses/{}",
            created["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(one.status, 200);
    assert_eq!(one.header("etag"), Some("\"1\""));
}

#[actix_web::test]
async fn search_wildcards_are_literal() {
    let app = TestApp::spawn().await;
    register(&app, business().named("Plain Shop").json()).await;
    let found = app.get("/api/v1/businesses?q=%25").await.json();
    assert!(names(&found).is_empty());
}

#[actix_web::test]
async fn a_seller_must_name_a_registered_marketplace() {
    let app = TestApp::spawn().await;
    let shop = register(&app, business().json()).await;
    let market = register(&app, business().marketplace().json()).await;

    let orphan = business().set("kind", json!("seller")).json();
    let problem = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &orphan)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["code"], "seller_needs_marketplace");

    let on_a_shop = business().seller_on(shop["id"].as_str().unwrap()).json();
    let problem = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &on_a_shop)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["code"], "parent_not_marketplace");

    let seller = register(
        &app,
        business().seller_on(market["id"].as_str().unwrap()).json(),
    )
    .await;
    assert_eq!(seller["parent_id"], market["id"]);
}

#[actix_web::test]
async fn a_taken_domain_or_dbid_answers_409_naming_the_field() {
    let app = TestApp::spawn().await;
    register(
        &app,
        business()
            .set("web_domains", json!(["taken.com.bd"]))
            .set("dbid", json!("DBID-TAKEN"))
            .json(),
    )
    .await;
    let same_domain = business()
        .set("web_domains", json!(["www.taken.com.bd"]))
        .json();
    let problem = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &same_domain)
        .await
        .problem(409, "already_registered");
    assert_eq!(problem["errors"][0]["field"], "web_domains");
    let same_dbid = business().set("dbid", json!("dbid-taken")).json();
    let problem = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &same_dbid)
        .await
        .problem(409, "already_registered");
    assert_eq!(problem["errors"][0]["field"], "dbid");
}

#[actix_web::test]
async fn suspended_businesses_are_hidden_from_the_public_but_not_from_staff() {
    let app = TestApp::spawn().await;
    let hidden = register(&app, business().named("Shady Deals").suspended().json()).await;
    register(&app, business().named("Honest Goods").json()).await;
    let path = format!("/api/v1/businesses/{}", hidden["id"].as_str().unwrap());

    app.get(&path).await.problem(404, "not_found");
    app.get_as(Role::Consumer, &path)
        .await
        .problem(404, "not_found");
    assert_eq!(app.get_as(Role::Officer, &path).await.status, 200);

    assert_eq!(
        names(&app.get("/api/v1/businesses").await.json()),
        vec!["Honest Goods"]
    );
    assert!(names(&app.get("/api/v1/businesses?status=suspended").await.json()).is_empty());
    let staff = app
        .get_as(Role::Auditor, "/api/v1/businesses?status=suspended")
        .await
        .json();
    assert_eq!(names(&staff), vec!["Shady Deals"]);
}

#[actix_web::test]
async fn a_stale_if_match_answers_412_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let created = register(&app, business().named("Old Name").json()).await;
    let path = format!("/api/v1/businesses/{}", created["id"].as_str().unwrap());
    let token = app.token(Role::Coordinator);

    let first = app
        .send(
            app.request(Method::PATCH, &path)
                .bearer_auth(&token)
                .header("if-match", "\"1\"")
                .json(&json!({"legal_name": "New Name"})),
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.header("etag"), Some("\"2\""));

    let stale = app
        .send(
            app.request(Method::PATCH, &path)
                .bearer_auth(&token)
                .header("if-match", "\"1\"")
                .json(&json!({"legal_name": "Lost Update"})),
        )
        .await;
    stale.problem(412, "stale_version");
    assert_eq!(app.get(&path).await.json()["legal_name"], "New Name");
}

#[actix_web::test]
async fn patch_changes_only_what_it_names_and_null_clears() {
    let app = TestApp::spawn().await;
    let created = register(
        &app,
        business()
            .named("Keep Me")
            .set("trade_licence", json!("TL-001"))
            .json(),
    )
    .await;
    let path = format!("/api/v1/businesses/{}", created["id"].as_str().unwrap());
    let changed = app
        .patch_as(
            Role::Coordinator,
            &path,
            &json!({"trade_licence": null, "status": "suspended"}),
        )
        .await
        .json();
    assert_eq!(changed["legal_name"], "Keep Me");
    assert_eq!(changed["trade_licence"], Value::Null);
    assert_eq!(changed["status"], "suspended");
    assert_eq!(changed["web_domains"], created["web_domains"]);
}

#[actix_web::test]
async fn every_registry_write_leaves_an_audit_entry_with_its_request_id() {
    let app = TestApp::spawn().await;
    let request = app
        .request(Method::POST, "/api/v1/businesses")
        .bearer_auth(app.token(Role::Coordinator))
        .header("x-request-id", "audit-trail-1")
        .json(&business().json());
    let created = app.send(request).await.json();
    let id = created["id"].as_str().unwrap().to_owned();
    app.patch_as(
        Role::Coordinator,
        &format!("/api/v1/businesses/{id}"),
        &json!({"legal_name": "Renamed"}),
    )
    .await;

    let entries = app
        .store
        .transaction(|conn| audit::for_target(conn, "business", &id))
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|(action, _)| action.as_str()).collect();
    assert_eq!(actions, vec!["business.create", "business.update"]);
    assert!(entries.iter().all(|(_, actor)| actor == "test-coordinator"));
}

#[actix_web::test]
async fn a_refused_write_leaves_neither_the_row_nor_an_audit_entry() {
    let app = TestApp::spawn().await;
    let market = register(&app, business().marketplace().json()).await;
    let path = format!("/api/v1/businesses/{}", market["id"].as_str().unwrap());
    let refused = app
        .patch_as(Role::Coordinator, &path, &json!({"kind": "seller"}))
        .await;
    refused.problem(422, "validation_failed");
    let id = market["id"].as_str().unwrap();
    let entries = app
        .store
        .transaction(|conn| audit::for_target(conn, "business", id))
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(app.get(&path).await.json()["version"], 1);
}
