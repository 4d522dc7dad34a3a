//! Publishing policy versions: checked, numbered, audited, and applied to new cases only.

use ccms_domain::access::Role;
use ccms_persistence::audit;
use ccms_tests::fixtures::{agency, business, complaint};
use ccms_tests::{Answer, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

/// Registers the agencies the shipped policy names, so a publication can name them too.
pub(super) async fn register_agencies(app: &TestApp) {
    for code in ["DNCRP", "BSTI", "BTRC", "BB"] {
        let created = app
            .post_as(Role::Coordinator, "/api/v1/agencies", &agency(code))
            .await;
        assert_eq!(created.status, 201, "{}", created.text);
    }
}

async fn publish(app: &TestApp, draft: &Value, if_match: Option<&str>) -> Answer {
    let mut request = app.request(Method::PUT, "/api/v1/policy").json(draft);
    if let Some(tag) = if_match {
        request = request.header("if-match", tag);
    }
    app.send_with(&app.token(Role::Coordinator), request).await
}

/// The document in force, with the business-action clock set to `hours`.
async fn draft_with_action_hours(app: &TestApp, hours: i64) -> Value {
    let mut document = app.get("/api/v1/policy").await.json()["document"].clone();
    document["clocks"]["business_action"]["length"] = json!({ "hours": hours });
    document
}

fn clock_deadline(case: &Value, kind: &str) -> String {
    case["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap()["deadline"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[actix_web::test]
async fn a_new_version_applies_to_new_cases_and_filed_cases_keep_theirs() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
        .await
        .json();
    let business_id = shop["id"].as_str().unwrap().to_owned();
    let consumer = app.consumer_token("01755000001").await;
    let file = |order: &'static str| {
        let mut body = complaint(&business_id, "2026-10-25");
        body["order_reference"] = json!(order);
        let request = app.request(Method::POST, "/api/v1/complaints").json(&body);
        let consumer = consumer.clone();
        let app = &app;
        async move {
            let answer = app.send_with(&consumer, request).await;
            assert_eq!(answer.status, 201, "{}", answer.text);
            answer.json()
        }
    };
    let before = file("ORDER-V1").await;

    let draft = draft_with_action_hours(&app, 48).await;
    let published = publish(&app, &draft, Some("\"1\"")).await;
    assert_eq!(published.status, 201, "{}", published.text);
    assert_eq!(
        published.header("location"),
        Some("/api/v1/policy/versions/2")
    );
    assert_eq!(published.header("etag"), Some("\"2\""));
    assert_eq!(published.json()["version"], 2);

    let after = file("ORDER-V2").await;
    let filed_at =
        chrono::DateTime::parse_from_rfc3339(after["created_at"].as_str().unwrap()).unwrap();
    assert_eq!(after["routing"]["policy_version"], 2);
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(&clock_deadline(&after, "business_action")).unwrap()
            - filed_at,
        chrono::Duration::hours(48)
    );
    let kept = app
        .get_as(
            Role::Coordinator,
            &format!("/api/v1/complaints/{}", before["id"].as_str().unwrap()),
        )
        .await
        .json();
    assert_eq!(kept["routing"]["policy_version"], 1);
    assert_eq!(
        clock_deadline(&kept, "business_action"),
        clock_deadline(&before, "business_action")
    );

    // Each consumer is told the time the business has under the case's own version.
    app.dispatch().await;
    let told = app
        .store
        .read(|c| ccms_persistence::notifications::to_recipient(c, "+8801755000001"))
        .unwrap();
    let received = |case: &Value| {
        let tracking = case["tracking_number"].as_str().unwrap().to_owned();
        told.iter()
            .find(|n| n.text.body.contains(&tracking))
            .map(|n| n.text.body.clone())
            .unwrap()
    };
    assert!(
        received(&before).contains("72 hours"),
        "{}",
        received(&before)
    );
    assert!(
        received(&after).contains("48 hours"),
        "{}",
        received(&after)
    );

    let first = app.get("/api/v1/policy/versions/1").await.json();
    assert_eq!(
        first["document"]["clocks"]["business_action"]["length"]["hours"],
        72
    );
    assert_eq!(app.get("/api/v1/policy").await.json()["version"], 2);
    let audited = app
        .store
        .read(|conn| audit::for_target(conn, "policy", "2"))
        .unwrap();
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0].0, "policy.publish");
}

#[actix_web::test]
async fn a_bad_document_is_refused_field_by_field_and_nothing_is_published() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    let mut missing_clock = draft_with_action_hours(&app, 72).await;
    missing_clock["clocks"]
        .as_object_mut()
        .unwrap()
        .remove("hearing_notice");
    let refused = publish(&app, &missing_clock, None).await;
    let problem = refused.problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "clocks.hearing_notice");

    let too_long = draft_with_action_hours(&app, 400 * 24).await;
    let problem = publish(&app, &too_long, None)
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        problem["errors"][0]["field"],
        "clocks.business_action.length"
    );

    let mut no_catch_all = draft_with_action_hours(&app, 72).await;
    no_catch_all["rules"].as_array_mut().unwrap().pop();
    publish(&app, &no_catch_all, None)
        .await
        .problem(422, "validation_failed");

    let mut unknown_agency = draft_with_action_hours(&app, 72).await;
    unknown_agency["rules"][0]["referrals"] = json!(["NOPE"]);
    let problem = publish(&app, &unknown_agency, None)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "rules[0].referrals[0]");
    assert_eq!(problem["errors"][0]["code"], "unknown_agency");

    // The complainant's share: 1 to 100 percent of the fine, with its source.
    for percent in [0, 101] {
        let mut share = draft_with_action_hours(&app, 72).await;
        share["complainant_share"] = json!({"percent": percent, "source": "CRPA 2009 s.76(4)"});
        let problem = publish(&app, &share, None)
            .await
            .problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "complainant_share");
    }

    let mut unknown_field = draft_with_action_hours(&app, 72).await;
    unknown_field["surprise"] = json!(true);
    assert_eq!(publish(&app, &unknown_field, None).await.status, 422);

    assert_eq!(app.get("/api/v1/policy").await.json()["version"], 1);
    app.get("/api/v1/policy/versions/2")
        .await
        .problem(404, "not_found");
}

#[actix_web::test]
async fn a_stale_version_answers_412_and_only_coordinators_publish() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    let draft = draft_with_action_hours(&app, 60).await;
    assert_eq!(publish(&app, &draft, None).await.status, 201);
    // Edited from version 1, which is no longer in force.
    publish(&app, &draft, None)
        .await
        .problem(412, "stale_version");
    let mut unversioned = draft.clone();
    unversioned.as_object_mut().unwrap().remove("version");
    publish(&app, &unversioned, Some("\"1\""))
        .await
        .problem(412, "stale_version");
    // An invalid draft is refused for what it says, whatever its If-Match.
    let mut invalid = unversioned.clone();
    invalid["max_fine_poisha"] = serde_json::json!(-1);
    publish(&app, &invalid, Some("\"1\""))
        .await
        .problem(422, "validation_failed");
    // A version beyond the contract's int32 is invalid, not merely stale.
    let mut huge = draft.clone();
    huge["version"] = serde_json::json!(2_147_483_648_u64);
    publish(&app, &huge, None)
        .await
        .problem(422, "validation_failed");
    let request = app
        .request(Method::PUT, "/api/v1/policy")
        .json(&unversioned);
    app.send_with(&app.token(Role::Officer), request)
        .await
        .problem(403, "forbidden");
    assert_eq!(app.get("/api/v1/policy").await.json()["version"], 2);
}

#[actix_web::test]
async fn a_published_filing_window_decides_how_late_a_complaint_may_come() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    let p = super::complaints::parties(&app, "01733000045").await;
    // Today is 1 November 2026 in Dhaka: 22 September is 40 days ago.
    let late = complaint(&p.business_id, "2026-09-22");
    super::complaints::file(&app, &p.consumer, &late)
        .await
        .problem(422, "filing_window_expired");
    for days in [0, 366] {
        let mut draft = draft_with_action_hours(&app, 72).await;
        draft["filing_window"] = json!({"days": days, "source": "CRPA 2009 s.60"});
        let problem = publish(&app, &draft, None)
            .await
            .problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "filing_window");
    }
    let mut longer = draft_with_action_hours(&app, 72).await;
    longer["filing_window"] = json!({"days": 45, "source": "An amended s.60, for this test"});
    assert_eq!(publish(&app, &longer, None).await.status, 201);

    let filed = super::complaints::file(&app, &p.consumer, &late).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
}

/// Publishes the policy in force with a five-working-day action clock and `weekend`.
pub(super) async fn publish_weekend(app: &TestApp, weekend: Value) -> Answer {
    let mut draft = draft_with_action_hours(app, 72).await;
    draft["clocks"]["business_action"]["length"] = json!({"working_days": 5});
    draft["weekend"] = weekend;
    publish(app, &draft, None).await
}

/// Files a complaint (order `order`) and answers its action deadline.
pub(super) async fn action_deadline(
    app: &TestApp,
    p: &super::complaints::Parties,
    order: &str,
) -> String {
    let mut body = complaint(&p.business_id, "2026-10-25");
    body["order_reference"] = json!(order);
    let filed = super::complaints::file(app, &p.consumer, &body).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    clock_deadline(&filed.json(), "business_action")
}

#[actix_web::test]
async fn a_published_weekend_decides_which_days_working_day_clocks_skip() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    let p = super::complaints::parties(&app, "01733000046").await;
    // Filed on Sunday 1 November 2026 (Dhaka), with five working days to act.
    let shipped = json!({"days": ["friday", "saturday"], "source": "Government of Bangladesh"});
    assert_eq!(publish_weekend(&app, shipped).await.status, 201);
    // Monday to Thursday, then Sunday 8 November: Friday and Saturday are skipped.
    let deadline = action_deadline(&app, &p, "WEEKEND-1").await;
    assert!(deadline.starts_with("2026-11-08"), "{deadline}");

    let none = json!({"days": [], "source": "A seven-day week, for this test"});
    assert_eq!(publish_weekend(&app, none).await.status, 201);
    let deadline = action_deadline(&app, &p, "WEEKEND-2").await;
    assert!(deadline.starts_with("2026-11-06"), "{deadline}");

    let four = json!({"days": ["thursday", "friday", "saturday", "sunday"], "source": "x"});
    let twice = json!({"days": ["friday", "friday"], "source": "x"});
    let unsourced = json!({"days": ["friday"], "source": " "});
    for weekend in [four, twice, unsourced] {
        let problem = publish_weekend(&app, weekend)
            .await
            .problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "weekend");
    }
    let mut unsourced_fine = draft_with_action_hours(&app, 72).await;
    unsourced_fine["max_fine_source"] = json!("");
    let problem = publish(&app, &unsourced_fine, None)
        .await
        .problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "max_fine_source");
    assert_eq!(app.get("/api/v1/policy").await.json()["version"], 3);
}

#[actix_web::test]
async fn a_category_with_its_own_clock_runs_it_and_the_others_keep_the_policy_s() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    let p = super::complaints::parties(&app, "01733000048").await;
    let mut draft = draft_with_action_hours(&app, 72).await;
    draft["category_clocks"] = json!({"non_delivery": {"business_action": {
        "length": {"hours": 24}, "source": "A faster answer for undelivered orders, for this test"}}});
    let published = publish(&app, &draft, None).await;
    assert_eq!(published.status, 201, "{}", published.text);
    let file = |category: &'static str, order: &'static str| {
        let mut body = complaint(&p.business_id, "2026-10-25");
        body["category"] = json!(category);
        body["order_reference"] = json!(order);
        body
    };
    let undelivered = super::complaints::file(&app, &p.consumer, &file("non_delivery", "OWN-1"))
        .await
        .json();
    let wrong = super::complaints::file(&app, &p.consumer, &file("wrong_item", "OWN-2"))
        .await
        .json();
    let hours_to_act = |case: &Value| {
        let deadline: chrono::DateTime<chrono::Utc> =
            clock_deadline(case, "business_action").parse().unwrap();
        let filed: chrono::DateTime<chrono::Utc> =
            case["created_at"].as_str().unwrap().parse().unwrap();
        (deadline - filed).num_hours()
    };
    assert_eq!(hours_to_act(&undelivered), 24);
    assert_eq!(hours_to_act(&wrong), 72);

    let mut endless = draft.clone();
    endless.as_object_mut().unwrap().remove("version");
    endless["category_clocks"]["non_delivery"]["business_action"]["length"] = json!({"hours": 0});
    let problem = publish(&app, &endless, None)
        .await
        .problem(422, "validation_failed");
    assert_eq!(
        problem["errors"][0]["field"],
        "category_clocks.non_delivery.business_action.length"
    );
    let mut unknown = draft.clone();
    unknown.as_object_mut().unwrap().remove("version");
    unknown["category_clocks"] = json!({"groceries": {}});
    assert_eq!(publish(&app, &unknown, None).await.status, 422);
    let current = app.get("/api/v1/policy").await.json();
    assert_eq!(current["version"], 2);
    assert_eq!(
        current["document"]["category_clocks"]["non_delivery"]["business_action"]["length"]["hours"],
        24
    );
}

#[actix_web::test]
async fn a_retention_is_bounded_and_a_draft_leaving_it_out_keeps_the_one_in_force() {
    let app = TestApp::spawn().await;
    register_agencies(&app).await;
    for days in [364, 3651] {
        let mut draft = draft_with_action_hours(&app, 72).await;
        draft["retention"] = json!({"closed_case_days": days, "source": "PDPO 2025"});
        let problem = publish(&app, &draft, None)
            .await
            .problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "retention");
    }
    let mut longer = draft_with_action_hours(&app, 72).await;
    longer["retention"] =
        json!({"closed_case_days": 2000, "source": "A longer period, for this test"});
    assert_eq!(publish(&app, &longer, None).await.status, 201);
    let mut silent = draft_with_action_hours(&app, 48).await;
    silent.as_object_mut().unwrap().remove("retention");
    assert_eq!(publish(&app, &silent, None).await.status, 201);
    let now_in_force = app.get("/api/v1/policy").await.json();
    assert_eq!(
        now_in_force["document"]["retention"]["closed_case_days"],
        2000
    );
    assert_eq!(
        now_in_force["document"]["clocks"]["business_action"]["length"]["hours"],
        48
    );
}
