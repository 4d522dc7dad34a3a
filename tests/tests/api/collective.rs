//! Surges and collective matters over HTTP: a surge fires once at its threshold across two
//! workers, a matter takes cases, one decision decides them all, and the payout report is
//! applied once however often it is imported.

use std::sync::Arc;

use ccms_api::auth::Claims;
use ccms_api::calendar::CalendarBook;
use ccms_api::clock::Clock;
use ccms_api::worker::DeadlineWorker;
use ccms_domain::access::Role;
use ccms_domain::collective::SurgeRule;
use ccms_tests::fixtures::{business, complaint};
use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use super::complaints::{Parties, file, moved, parties};

async fn filed(app: &TestApp, p: &Parties, business_id: &str) -> Value {
    let answer = file(app, &p.consumer, &complaint(business_id, "2026-10-25")).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json()
}

async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> Answer {
    app.send_with(token, app.request(Method::POST, path).json(body))
        .await
}

async fn get(app: &TestApp, token: &str, path: &str) -> Answer {
    app.send_with(token, app.request(Method::GET, path)).await
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// How many outbox messages of `event_type` there are.
fn announced(app: &TestApp, event_type: &str) -> i64 {
    use diesel::RunQueryDsl;
    let query = format!("SELECT count(*) AS n FROM outbox WHERE event_type = '{event_type}'");
    app.store
        .read(|conn| {
            Ok::<_, ccms_persistence::StoreError>(
                diesel::sql_query(query).get_result::<Count>(conn)?,
            )
        })
        .unwrap()
        .n
}

/// Two workers, as of two `ccms` processes, sweeping at the same moment.
fn sweep_twice_at_once(app: &TestApp) -> usize {
    let now = app.clock.now();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let worker =
                    DeadlineWorker::new(app.store.clone(), Arc::new(CalendarBook::default()));
                scope.spawn(move || worker.sweep(now).unwrap().surges_started)
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    })
}

#[actix_web::test]
async fn a_surge_fires_at_its_threshold_once_across_two_workers_and_routes_new_cases_to_the_directorate()
 {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01713000001").await;
    app.publish_policy(|policy| {
        policy.filing_limits.per_consumer_per_day = 50;
        policy.filing_limits.per_business_per_day = 50;
        policy.surge = SurgeRule {
            cases: 5,
            days: 7,
            ..SurgeRule::default()
        };
    });
    for _ in 0..4 {
        filed(&app, &p, &p.business_id).await;
    }
    assert_eq!(sweep_twice_at_once(&app), 0, "four cases of five: no surge");
    let surges = get(&app, &p.coordinator, "/api/v1/surges").await.json();
    assert_eq!(surges.as_array().unwrap().len(), 0);

    filed(&app, &p, &p.business_id).await;
    assert_eq!(sweep_twice_at_once(&app), 1, "the fifth case: one surge");
    assert_eq!(sweep_twice_at_once(&app), 0, "and only one");
    let surges = get(&app, &p.coordinator, "/api/v1/surges").await.json();
    assert_eq!(surges.as_array().unwrap().len(), 1, "{surges}");
    assert_eq!(surges[0]["business_id"], json!(p.business_id));
    assert_eq!(surges[0]["cases_in_window"], 5);
    let log = get(
        &app,
        &p.coordinator,
        &format!("/api/v1/audit?target_id={}", p.business_id),
    )
    .await
    .json();
    let starts = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "surge.start")
        .count();
    assert_eq!(starts, 1, "{log}");

    // While it lasts, a new case goes to the directorate and joins the auto-joining matter.
    let opened = post(
        &app,
        &p.coordinator,
        "/api/v1/matters",
        &json!({
        "business_id": p.business_id, "title": "সার্জ: অর্ডার পৌঁছায়নি",
        "officer_id": p.officer_id, "auto_join": true}),
    )
    .await;
    assert_eq!(opened.status, 201, "{}", opened.text);
    let matter = opened.json()["id"].as_str().unwrap().to_owned();
    let during = filed(&app, &p, &p.business_id).await;
    assert_eq!(
        during["routing"]["rule"], "surge (business-first)",
        "{during}"
    );
    let id = during["id"].as_str().unwrap();
    let case = get(&app, &p.coordinator, &format!("/api/v1/complaints/{id}"))
        .await
        .json();
    assert_eq!(case["state"], "under_investigation", "{case}");
    assert_eq!(case["assigned_officer"], json!(p.officer_id));
    let matter = get(&app, &p.coordinator, &format!("/api/v1/matters/{matter}"))
        .await
        .json();
    assert_eq!(matter["cases"], 1, "{matter}");

    // A week on, with no new cases, the surge ends.
    app.clock.advance(Duration::days(8));
    let report = DeadlineWorker::new(app.store.clone(), Arc::new(CalendarBook::default()))
        .sweep(app.clock.now())
        .unwrap();
    assert_eq!(report.surges_ended, 1);
    let coordinator = app.token(Role::Coordinator);
    let surges = get(&app, &coordinator, "/api/v1/surges").await.json();
    assert!(surges[0]["ended_at"].is_string(), "{surges}");
    let card = app
        .get(&format!("/api/v1/public/scorecards/{}", p.business_id))
        .await
        .json();
    assert_eq!(card["surge_notice"], Value::Null, "{card}");
    assert_eq!(announced(&app, "surge.ended"), 1);
}

/// Files three cases against the parties' business, escalated by the coordinator, and one
/// against another business.
async fn escalated_cases(app: &TestApp, p: &Parties) -> (Vec<String>, String) {
    app.allow_filings(20);
    let mut ids = Vec::new();
    for _ in 0..3 {
        let id = filed(app, p, &p.business_id).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        moved(
            app,
            &p.coordinator,
            &id,
            json!({"action": "escalate"}),
            "escalated",
        )
        .await;
        ids.push(id);
    }
    let other = app
        .post_as(
            Role::Coordinator,
            "/api/v1/businesses",
            &business().named("Other Shop").json(),
        )
        .await
        .json();
    let other = filed(app, p, other["id"].as_str().unwrap()).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    moved(
        app,
        &p.coordinator,
        &other,
        json!({"action": "escalate"}),
        "escalated",
    )
    .await;
    (ids, other)
}

#[actix_web::test]
async fn a_matter_decides_all_its_cases_at_once_and_a_payout_report_applies_once() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01713000002").await;
    let (ids, other) = escalated_cases(&app, &p).await;
    let opened = post(
        &app,
        &p.coordinator,
        "/api/v1/matters",
        &json!({
        "business_id": p.business_id, "title": "Undelivered phones", "officer_id": p.officer_id}),
    )
    .await;
    assert_eq!(opened.status, 201, "{}", opened.text);
    let matter = format!("/api/v1/matters/{}", opened.json()["id"].as_str().unwrap());

    let mut listed: Vec<&str> = ids.iter().map(String::as_str).collect();
    listed.push(&other);
    let joined = post(
        &app,
        &p.coordinator,
        &format!("{matter}/cases"),
        &json!({"complaint_ids": listed}),
    )
    .await;
    assert_eq!(joined.status, 200, "{}", joined.text);
    let joined = joined.json();
    assert_eq!(joined["added"], 3, "{joined}");
    assert_eq!(
        joined["refused"],
        json!([{"complaint_id": other, "reason": "other_business"}])
    );
    let again = post(
        &app,
        &p.coordinator,
        &format!("{matter}/cases"),
        &json!({"complaint_ids": [ids[0]]}),
    )
    .await
    .json();
    assert_eq!(again["refused"][0]["reason"], "in_a_matter");

    // One hearing for all three complainants, online, each told of it.
    let day = (app.clock.now() + Duration::days(7))
        .format("%Y-%m-%dT10:00:00+06:00")
        .to_string();
    let hearing = json!({"scheduled_at": day, "mode": "online",
        "meeting_link": "https://meet.dncrp.example.gov.bd/matter-1"});
    let set = post(&app, &p.officer, &format!("{matter}/hearings"), &hearing).await;
    assert_eq!(set.status, 200, "{}", set.text);
    assert_eq!(set.json()["scheduled"], 3);
    for id in &ids {
        let case = get(&app, &p.consumer, &format!("/api/v1/complaints/{id}"))
            .await
            .json();
        assert_eq!(case["state"], "hearing_scheduled", "{case}");
        let told = app
            .store
            .read(|conn| ccms_persistence::outbox::types_for_complaint(conn, id.parse().unwrap()))
            .unwrap();
        assert!(told.contains(&"hearing.scheduled".to_owned()), "{told:?}");
    }

    // A fourth case joins, then its consumer withdraws it: the decision leaves it out.
    let fourth = filed(&app, &p, &p.business_id).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    moved(
        &app,
        &p.coordinator,
        &fourth,
        json!({"action": "escalate"}),
        "escalated",
    )
    .await;
    let joined = post(
        &app,
        &p.coordinator,
        &format!("{matter}/cases"),
        &json!({"all_at_directorate": true, "category": "non_delivery"}),
    )
    .await
    .json();
    assert_eq!(joined["added"], 1, "{joined}");
    moved(
        &app,
        &p.consumer,
        &fourth,
        json!({"action": "withdraw"}),
        "withdrawn",
    )
    .await;

    // Only the matter's officer decides; the agent may not even see it.
    assert_eq!(get(&app, &p.agent, &matter).await.status, 403);
    let body = json!({"verdict": "upheld", "refund": "amount_paid", "fine_per_case_poisha": 10_000,
        "reasons": "Paid for and never delivered, in every case."});
    let other_officer = app.sign(&Claims {
        agency: Some("DNCRP".into()),
        ..Claims::new(
            uuid::Uuid::now_v7().to_string(),
            Role::Officer,
            app.clock.now(),
            Duration::hours(1),
        )
    });
    assert_eq!(
        post(&app, &other_officer, &format!("{matter}/decision"), &body)
            .await
            .status,
        403
    );
    let decided = post(&app, &p.officer, &format!("{matter}/decision"), &body).await;
    assert_eq!(decided.status, 200, "{}", decided.text);
    assert_eq!(decided.json()["cases_decided"], 3);
    assert_eq!(decided.json()["left_out"], json!([fourth]));
    assert_eq!(decided.json()["compensation_poisha"], 3 * 1_850_000);
    let twice = post(&app, &p.officer, &format!("{matter}/decision"), &body).await;
    twice.problem(409, "matter_decided");
    for id in &ids {
        let case = get(&app, &p.consumer, &format!("/api/v1/complaints/{id}"))
            .await
            .json();
        assert_eq!(case["state"], "decided", "{case}");
    }

    let export = get(&app, &p.coordinator, &format!("{matter}/payouts")).await;
    assert_eq!(export.status, 200, "{}", export.text);
    let lines: Vec<Vec<String>> = export
        .text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    assert_eq!(lines.len(), 3, "{}", export.text);
    assert!(
        lines
            .iter()
            .all(|l| l[2] == "bkash" && l[3] == "01713000002" && l[4] == "1850000"),
        "{}",
        export.text
    );
    let (a, b, c) = (&lines[0], &lines[1], &lines[2]);
    let report = format!(
        "reference,amount_poisha,status,transaction,reason\n\
         {},1850000,paid,TX-A,\n{},1850000,failed,,wallet closed\n{},1,paid,TX-C,\n{},5,paid,TX-X,\nnot,a,line\n",
        a[5],
        b[5],
        c[5],
        uuid::Uuid::now_v7()
    );
    let import = |report: String| {
        let path = format!("{matter}/payouts/reconciliation");
        let request = app
            .request(Method::POST, &path)
            .header("content-type", "text/csv")
            .body(report);
        app.send_with(&p.coordinator, request)
    };
    let first = import(report.clone()).await;
    assert_eq!(first.status, 200, "{}", first.text);
    let first = first.json();
    assert_eq!(
        (
            first["paid"].clone(),
            first["failed"].clone(),
            first["unchanged"].clone()
        ),
        (json!(1), json!(1), json!(0))
    );
    let reasons: Vec<&str> = first["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        ["amount_mismatch", "unknown_obligation", "bad_line"],
        "{first}"
    );
    let second = import(report).await.json();
    assert_eq!(
        (
            second["paid"].clone(),
            second["failed"].clone(),
            second["unchanged"].clone()
        ),
        (json!(0), json!(0), json!(2)),
        "{second}"
    );

    // What is left to pay out, and what the consumer sees on their case.
    let export = get(&app, &p.coordinator, &format!("{matter}/payouts")).await;
    assert_eq!(export.text.lines().count(), 3, "{}", export.text);
    let paid_case = lines.iter().position(|l| l[1] == a[1]).unwrap();
    let obligations = get(
        &app,
        &p.consumer,
        &format!("/api/v1/complaints/{}/obligations", a[0]),
    )
    .await;
    let obligations = obligations.json();
    let paid = obligations
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "compensation")
        .unwrap();
    assert_eq!(
        (paid["status"].as_str(), paid["reference"].as_str()),
        (Some("paid"), Some("TX-A")),
        "{obligations} {paid_case}"
    );
    let failed = get(
        &app,
        &p.consumer,
        &format!("/api/v1/complaints/{}/obligations", b[0]),
    )
    .await
    .json();
    let failed = failed
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "compensation")
        .unwrap()
        .clone();
    assert_eq!(
        (failed["status"].as_str(), failed["payout_failure"].as_str()),
        (Some("owed"), Some("wallet closed"))
    );
    let shown = get(&app, &p.consumer, &format!("/api/v1/complaints/{}", a[0]))
        .await
        .json();
    assert_eq!(shown["matter"]["status"], "decided", "{shown}");
}

#[actix_web::test]
async fn the_triage_report_counts_only_the_cases_the_caller_may_list() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01713000003").await;
    let (ids, _other) = escalated_cases(&app, &p).await;
    let assign = json!({"action": "assign", "officer_id": p.officer_id});
    moved(&app, &p.coordinator, &ids[0], assign, "under_investigation").await;
    filed(&app, &p, &p.business_id).await;

    let report = get(&app, &p.coordinator, "/api/v1/reports/triage").await;
    assert_eq!(report.status, 200, "{}", report.text);
    let rows = report.json()["rows"].as_array().unwrap().clone();
    let count = |section: &str, key: &str, detail: &str| {
        rows.iter()
            .filter(|r| {
                r["section"] == section
                    && r["key"] == key
                    && (detail.is_empty() || r["detail"] == detail)
            })
            .map(|r| r["count"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(count("open_by_age", "escalated", "0-3 days"), 3, "{rows:?}");
    assert_eq!(count("open_by_age", "under_investigation", "0-3 days"), 1);
    assert_eq!(count("open_by_age", "with_business", "0-3 days"), 1);
    assert_eq!(count("by_officer", &p.officer_id, ""), 1);
    assert_eq!(count("by_business", &p.business_id, ""), 4);

    // The officer sees its agency's escalated cases only; a regulator none of them.
    let officer = get(&app, &p.officer, "/api/v1/reports/triage").await.json();
    let seen: u64 = officer["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["section"] == "open_by_age")
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(seen, 4, "{officer}");
    let regulator = app.sign(&Claims {
        agency: Some("BB".into()),
        ..Claims::new(
            "regulator-bb",
            Role::Regulator,
            app.clock.now(),
            Duration::hours(1),
        )
    });
    let theirs = get(&app, &regulator, "/api/v1/reports/triage").await.json();
    assert_eq!(theirs["rows"], json!([]), "{theirs}");
    assert_eq!(
        get(&app, &p.agent, "/api/v1/reports/triage").await.status,
        403
    );

    let csv = app
        .send_with(
            &p.coordinator,
            app.request(Method::GET, "/api/v1/reports/triage")
                .header("accept", "text/csv"),
        )
        .await;
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(csv.text.lines().count(), rows.len() + 1, "{}", csv.text);
    assert!(csv.text.starts_with("section,key,detail,count,overdue\n"));
}
