//! Who may file against whom: a marketplace's client files and reads only within its own
//! marketplace (itself and its sellers), and a duplicate names the open case only to a caller
//! who may read it.

use ccms_domain::access::Role;
use ccms_tests::fixtures::{business, complaint};
use ccms_tests::{Answer, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

struct Market {
    marketplace: String,
    seller: String,
    stranger: String,
    partner: String,
}

async fn register(app: &TestApp, body: Value) -> String {
    let made = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &body)
        .await;
    assert_eq!(made.status, 201, "{}", made.text);
    made.json()["id"].as_str().unwrap().to_owned()
}

/// A marketplace with one seller, an unrelated shop, and the marketplace's partner client.
async fn market(app: &TestApp) -> Market {
    let marketplace = register(app, business().marketplace().json()).await;
    let seller = register(app, business().seller_on(&marketplace).json()).await;
    let stranger = register(app, business().json()).await;
    let partner = app.partner_token("market-client", &marketplace);
    Market {
        marketplace,
        seller,
        stranger,
        partner,
    }
}

async fn push(app: &TestApp, partner: &str, against: &str, phone: &str, key: &str) -> Answer {
    let mut body = complaint(against, "2026-10-25");
    body["consumer_phone"] = json!(phone);
    let request = app
        .request(Method::POST, "/api/v1/complaints")
        .header("idempotency-key", key)
        .json(&body);
    app.send_with(partner, request).await
}

async fn count_cases(app: &TestApp, token: &str) -> usize {
    let listed = app
        .send_with(token, app.request(Method::GET, "/api/v1/complaints"))
        .await;
    listed.json()["items"].as_array().unwrap().len()
}

#[actix_web::test]
async fn a_partner_may_not_file_against_a_business_outside_its_marketplace() {
    let app = TestApp::spawn().await;
    let m = market(&app).await;
    push(&app, &m.partner, &m.stranger, "01811000101", "k1")
        .await
        .problem(403, "outside_filing_scope");
    // Nothing was filed: no case, no clock, no text to the stranger's number.
    let all = app.get_as(Role::Coordinator, "/api/v1/complaints").await;
    assert_eq!(all.json()["items"].as_array().unwrap().len(), 0);
    let bangla = app
        .send_with(
            &m.partner,
            app.request(Method::POST, "/api/v1/complaints")
                .header("idempotency-key", "k2")
                .header("accept-language", "bn")
                .json(
                    &json!({"business_id": m.stranger, "consumer_phone": "01811000101",
                    "category": "non_delivery", "subject": "x",
                    "description": "nothing came although I paid in full",
                    "incident_date": "2026-10-25", "amount_paid": 1, "amount_claimed": 1,
                    "payment_method": "cod", "desired_remedy": "refund"}),
                ),
        )
        .await;
    let problem = bangla.problem(403, "outside_filing_scope");
    assert_eq!(problem["title"], "আপনার মার্কেটপ্লেসের নয়");
}

#[actix_web::test]
async fn a_partner_files_against_itself_and_its_sellers_and_reads_those_cases() {
    let app = TestApp::spawn().await;
    let m = market(&app).await;
    assert_eq!(
        push(&app, &m.partner, &m.marketplace, "01811000102", "a")
            .await
            .status,
        201
    );
    let pushed = push(&app, &m.partner, &m.seller, "01811000103", "b").await;
    assert_eq!(pushed.status, 201, "{}", pushed.text);
    assert_eq!(count_cases(&app, &m.partner).await, 2);
    let id = pushed.json()["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/complaints/{id}");
    let read = app
        .send_with(&m.partner, app.request(Method::GET, &path))
        .await;
    assert_eq!(read.status, 200, "{}", read.text);
}

#[actix_web::test]
async fn a_case_pushed_against_a_seller_that_left_the_marketplace_is_no_longer_the_partners() {
    let app = TestApp::spawn().await;
    let m = market(&app).await;
    let pushed = push(&app, &m.partner, &m.seller, "01811000104", "c").await;
    let id = pushed.json()["id"].as_str().unwrap().to_owned();
    // The seller moves to another marketplace: the case stays, the first one loses sight of it.
    let other = register(&app, business().marketplace().json()).await;
    let moved = app
        .patch_as(
            Role::Coordinator,
            &format!("/api/v1/businesses/{}", m.seller),
            &json!({"parent_id": other}),
        )
        .await;
    assert_eq!(moved.status, 200, "{}", moved.text);
    let path = format!("/api/v1/complaints/{id}");
    app.send_with(&m.partner, app.request(Method::GET, &path))
        .await
        .problem(404, "not_found");
    assert_eq!(count_cases(&app, &m.partner).await, 0);
    let kept = app.get_as(Role::Coordinator, &path).await;
    assert_eq!(kept.status, 200);
}

#[actix_web::test]
async fn a_duplicate_names_the_open_case_only_to_a_caller_who_may_read_it() {
    let app = TestApp::spawn().await;
    let m = market(&app).await;
    // The consumer files against the seller directly: not the marketplace client's to read.
    let consumer = app.consumer_token("01811000105").await;
    let mut body = complaint(&m.seller, "2026-10-25");
    body["order_reference"] = json!("ORD-DUP-1");
    let file = |token: &str, body: &Value| {
        app.request(Method::POST, "/api/v1/complaints")
            .header("idempotency-key", "dup")
            .bearer_auth(token)
            .json(body)
    };
    let first = app.send(file(&consumer, &body)).await;
    assert_eq!(first.status, 201, "{}", first.text);

    let again = app.send(file(&consumer, &body)).await;
    let named = again.problem(409, "duplicate_complaint");
    assert_eq!(named["existing"]["id"], first.json()["id"]);

    body["consumer_phone"] = json!("01811000105");
    let probe = app.send(file(&m.partner, &body)).await;
    let unnamed = probe.problem(409, "duplicate_complaint");
    assert!(unnamed.get("existing").is_none(), "{}", probe.text);
    assert!(!probe.text.contains(first.json()["id"].as_str().unwrap()));
}

#[actix_web::test]
async fn an_admin_listing_cases_is_refused() {
    let app = TestApp::spawn().await;
    app.get_as(Role::Admin, "/api/v1/complaints")
        .await
        .problem(403, "forbidden");
}
