//! Assignment by rule (DOMAIN.md, "DNCRP stage"): the office with the fewest open cases, then
//! its officer with the fewest.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::staff;
use serde_json::{Value, json};

use super::super::complaints::{Parties, act, parties};
use super::{escalated_case, ok};

async fn officer_in(app: &TestApp, email: &str, office: &str) -> String {
    let mut body = staff("officer", email);
    body["agency"] = json!("DNCRP");
    body["office"] = json!(office);
    app.create_staff(body).await
}

async fn assigned_by_rule(app: &TestApp, p: &Parties, category: &str) -> Value {
    let id = escalated_case(app, p, category).await;
    ok(
        act(app, &p.coordinator, &id, json!({"action": "assign"})).await,
        200,
    )["assigned_officer"]
        .clone()
}

#[actix_web::test]
async fn a_case_no_one_assigns_goes_to_the_office_with_the_fewest_open_cases() {
    let app = TestApp::spawn().await;
    app.allow_filings(10);
    let p = parties(&app, "01722000301").await;
    // `p.officer_id` has no office: the head office.
    let head = json!(p.officer_id);
    let dhaka_1 = json!(officer_in(&app, "d1@dncrp.gov.bd", "Dhaka District Office").await);
    let dhaka_2 = json!(officer_in(&app, "d2@dncrp.gov.bd", "Dhaka District Office").await);
    let khulna = json!(officer_in(&app, "k1@dncrp.gov.bd", "Khulna District Office").await);

    // Offices tie at first: the head office, then by name.
    assert_eq!(assigned_by_rule(&app, &p, "non_delivery").await, head);
    assert_eq!(assigned_by_rule(&app, &p, "late_delivery").await, dhaka_1);
    assert_eq!(assigned_by_rule(&app, &p, "wrong_item").await, khulna);
    assert_eq!(assigned_by_rule(&app, &p, "defective_item").await, head);
    // Dhaka holds 1 case between two officers: its idle officer gets the next.
    assert_eq!(assigned_by_rule(&app, &p, "overcharging").await, dhaka_2);
    // Now every officer but the head office's holds one case; Dhaka's office holds two, so
    // Khulna's officer gets it, not the longest-standing officer with one case (Dhaka's first).
    assert_eq!(
        assigned_by_rule(&app, &p, "offer_not_honoured").await,
        khulna
    );
}

#[actix_web::test]
async fn only_agency_staff_name_an_office_and_the_account_shows_it() {
    let app = TestApp::spawn().await;
    let mut agent = staff("auditor", "a@ccms.gov.bd");
    agent["office"] = json!("Dhaka District Office");
    let refused = app.post_as(Role::Admin, "/api/v1/staff", &agent).await;
    let problem = refused.problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "office");
    assert_eq!(problem["errors"][0]["code"], "office_not_allowed");
    assert_eq!(
        problem["errors"][0]["message"],
        "Only officers of an agency have an office."
    );

    let mut long = staff("officer", "long@dncrp.gov.bd");
    long["agency"] = json!("DNCRP");
    long["office"] = json!("x".repeat(81));
    app.post_as(
        Role::Coordinator,
        "/api/v1/agencies",
        &ccms_tests::fixtures::agency("DNCRP"),
    )
    .await;
    let refused = app.post_as(Role::Admin, "/api/v1/staff", &long).await;
    assert_eq!(
        refused.problem(422, "validation_failed")["errors"][0]["field"],
        "office"
    );

    let mut sylhet = staff("officer", "o@dncrp.gov.bd");
    sylhet["agency"] = json!("DNCRP");
    sylhet["office"] = json!("  Sylhet District Office ");
    let created = app.post_as(Role::Admin, "/api/v1/staff", &sylhet).await;
    assert_eq!(ok(created, 201)["office"], "Sylhet District Office");
}
