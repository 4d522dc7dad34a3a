//! Account administration: staff accounts and the agents of a business.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::{STAFF_PASSWORD, business, staff};
use reqwest::Method;
use serde_json::json;

#[actix_web::test]
async fn an_admin_creates_lists_and_disables_staff() {
    let app = TestApp::spawn().await;
    let id = app
        .create_staff(staff("coordinator", "lead@ccms.test"))
        .await;
    let listed = app.get_as(Role::Admin, "/api/v1/staff").await.json();
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"] == id.as_str())
    );
    assert!(!listed.to_string().contains(STAFF_PASSWORD));
    let again = app
        .post_as(
            Role::Admin,
            "/api/v1/staff",
            &staff("coordinator", "LEAD@ccms.test"),
        )
        .await;
    assert_eq!(
        again.problem(409, "already_registered")["errors"][0]["field"],
        "email"
    );
    let disabled = app
        .patch_as(
            Role::Admin,
            &format!("/api/v1/staff/{id}"),
            &json!({"disabled": true}),
        )
        .await;
    assert_eq!(disabled.json()["disabled"], true);
}

#[actix_web::test]
async fn each_role_must_have_exactly_its_affiliation() {
    let app = TestApp::spawn().await;
    let officer = app
        .post_as(
            Role::Admin,
            "/api/v1/staff",
            &staff("officer", "o@ccms.test"),
        )
        .await;
    assert_eq!(
        officer.problem(422, "validation_failed")["errors"][0]["code"],
        "needs_agency"
    );
    let mut unknown = staff("regulator", "r@ccms.test");
    unknown["agency"] = json!("NOPE");
    let problem = app
        .post_as(Role::Admin, "/api/v1/staff", &unknown)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["code"], "unknown_agency");
    let consumer = app
        .post_as(
            Role::Admin,
            "/api/v1/staff",
            &staff("consumer", "c@ccms.test"),
        )
        .await;
    assert_eq!(
        consumer.problem(422, "validation_failed")["errors"][0]["code"],
        "not_a_staff_role"
    );
    let mut short = staff("auditor", "s@ccms.test");
    short["password"] = json!("short");
    app.post_as(Role::Admin, "/api/v1/staff", &short)
        .await
        .problem(422, "validation_failed");
}

#[actix_web::test]
async fn a_business_admin_adds_agents_to_its_own_business_only() {
    let app = TestApp::spawn().await;
    let own = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    let other = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    let (own_id, other_id) = (own["id"].as_str().unwrap(), other["id"].as_str().unwrap());

    let head = json!({"email": "head@shop.test", "display_name": "Head of support", "password": STAFF_PASSWORD, "business_admin": true});
    let added = app
        .post_as(
            Role::Coordinator,
            &format!("/api/v1/businesses/{own_id}/agents"),
            &head,
        )
        .await;
    assert_eq!(added.status, 201, "{}", added.text);
    assert_eq!(added.json()["business_id"], own_id);

    let session = app.login("head@shop.test", STAFF_PASSWORD).await.json();
    let token = session["access_token"].as_str().unwrap().to_owned();
    let add = |business: &str, email: &str| {
        let body = json!({"email": email, "display_name": "Agent", "password": STAFF_PASSWORD});
        app.request(
            Method::POST,
            &format!("/api/v1/businesses/{business}/agents"),
        )
        .bearer_auth(&token)
        .json(&body)
    };
    assert_eq!(app.send(add(own_id, "agent1@shop.test")).await.status, 201);
    app.send(add(other_id, "spy@shop.test"))
        .await
        .problem(403, "forbidden");

    let plain = app.login("agent1@shop.test", STAFF_PASSWORD).await.json();
    let plain_token = plain["access_token"].as_str().unwrap();
    let body =
        json!({"email": "agent2@shop.test", "display_name": "Agent", "password": STAFF_PASSWORD});
    let refused = app
        .request(Method::POST, &format!("/api/v1/businesses/{own_id}/agents"))
        .bearer_auth(plain_token)
        .json(&body);
    app.send(refused).await.problem(403, "forbidden");
}
