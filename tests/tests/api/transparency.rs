//! The open dataset and the scorecards: every scorecard figure recomputed from the exported
//! CSV, narratives scrubbed of what identifies people, statistics for staff.

use std::collections::BTreeMap;

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use chrono::Duration;
use serde_json::{Value, json};

use super::complaints::{Parties, act, file, parties};

async fn case(app: &TestApp, p: &Parties, body_change: impl FnOnce(&mut Value)) -> String {
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body_change(&mut body);
    let filed = file(app, &p.consumer, &body).await;
    assert_eq!(filed.status, 201, "{}", filed.text);
    filed.json()["id"].as_str().unwrap().to_owned()
}

async fn step(app: &TestApp, token: &str, id: &str, action: &str) {
    let body = match action {
        "propose_resolution" => app.proposal("A refund"),
        _ => json!({ "action": action }),
    };
    let moved = act(app, token, id, body).await;
    assert_eq!(moved.status, 200, "{}", moved.text);
}

/// The business pays the case's agreed refund and the consumer confirms it: the case closes.
pub(super) async fn delivered(app: &TestApp, p: &Parties, id: &str) {
    let ledger = format!("/api/v1/complaints/{id}/obligations");
    let lines = app
        .send_with(&p.agent, app.request(reqwest::Method::GET, &ledger))
        .await
        .json();
    let steps = format!("{ledger}/{}/steps", lines[0]["id"].as_str().unwrap());
    for (token, body) in [
        (&p.agent, json!({"step": "pay", "reference": "BKASH-TRX-1"})),
        (&p.consumer, json!({"step": "confirm"})),
    ] {
        let request = app.request(reqwest::Method::POST, &steps).json(&body);
        let answer = app.send_with(token, request).await;
        assert_eq!(answer.status, 200, "{}", answer.text);
    }
}

async fn csv_export(app: &TestApp, query: &str) -> Vec<BTreeMap<String, String>> {
    let answer = app
        .send(
            app.request(
                reqwest::Method::GET,
                &format!("/api/v1/public/complaints{query}"),
            )
            .header("accept", "text/csv"),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("text/csv")
    );
    let mut reader = csv::Reader::from_reader(answer.text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// Four businesses' worth of cases: resolved, escalated, unanswered, answered late.
async fn history(app: &TestApp) -> Vec<Parties> {
    let (a, b) = (
        parties(app, "01770000001").await,
        parties(app, "01770000002").await,
    );
    let resolved = case(app, &a, |_| {}).await;
    step(app, &a.agent, &resolved, "propose_resolution").await;
    step(app, &a.consumer, &resolved, "accept").await;
    delivered(app, &a, &resolved).await;
    let verdict = json!({"resolved": true, "rating": 4});
    let rated = app
        .request(
            reqwest::Method::POST,
            &format!("/api/v1/complaints/{resolved}/feedback"),
        )
        .json(&verdict);
    assert_eq!(app.send_with(&a.consumer, rated).await.status, 201);
    let escalated = case(app, &a, |_| {}).await;
    step(app, &a.agent, &escalated, "propose_resolution").await;
    step(app, &a.consumer, &escalated, "reject").await;
    case(app, &a, |_| {}).await;
    let late = case(app, &b, |_| {}).await;
    let fast = case(app, &b, |_| {}).await;
    step(app, &b.agent, &fast, "acknowledge").await;
    app.clock.advance(Duration::hours(80));
    let b = super::authority::resigned(app, b, "01770000002").await;
    step(app, &b.agent, &late, "acknowledge").await;
    vec![a, b]
}

fn median_hours(mut minutes: Vec<i64>) -> Value {
    minutes.sort_unstable();
    let n = minutes.len();
    if n == 0 {
        return Value::Null;
    }
    let middle = if n % 2 == 1 {
        minutes[n / 2] as f64
    } else {
        (minutes[n / 2 - 1] + minutes[n / 2]) as f64 / 2.0
    };
    json!(((middle / 60.0) * 100.0).round() / 100.0)
}

fn share(count: usize, of: usize) -> Value {
    json!(((count as f64 / of as f64) * 10_000.0).round() / 10_000.0)
}

#[actix_web::test]
async fn every_scorecard_figure_is_recomputed_from_the_exported_dataset() {
    let app = TestApp::spawn().await;
    let businesses = history(&app).await;
    let rows = csv_export(&app, "").await;
    assert_eq!(rows.len(), 5);
    for p in &businesses {
        let mine: Vec<_> = rows
            .iter()
            .filter(|r| r["business_id"] == p.business_id)
            .collect();
        let count = |column: &str| mine.iter().filter(|r| r[column] == "true").count();
        let minutes: Vec<i64> = mine
            .iter()
            .filter_map(|r| r["first_response_minutes"].parse().ok())
            .collect();
        let card = app
            .get(&format!("/api/v1/public/scorecards/{}", p.business_id))
            .await
            .json();
        assert_eq!(card["received"], mine.len(), "{card}");
        assert_eq!(card["resolved_by_business"], count("resolved_by_business"));
        assert_eq!(
            card["resolved_by_business_share"],
            share(count("resolved_by_business"), mine.len())
        );
        assert_eq!(card["acted_within_72h"], count("acted_within_72h"));
        assert_eq!(
            card["acted_within_72h_share"],
            share(count("acted_within_72h"), mine.len())
        );
        assert_eq!(card["median_first_response_hours"], median_hours(minutes));
        assert_eq!(card["escalations"], count("escalated"));
        assert_eq!(card["upheld"], count("upheld"));
        assert_eq!(card["reopened"], count("reopened"));
        let sum =
            |column: &str| -> i64 { mine.iter().map(|r| r[column].parse::<i64>().unwrap()).sum() };
        assert_eq!(card["money_promised_poisha"], sum("promised_poisha"));
        assert_eq!(card["money_confirmed_poisha"], sum("confirmed_poisha"));
        assert_eq!(card["obligations_due"], sum("obligations_due"));
        assert_eq!(
            card["obligations_paid_on_time"],
            sum("obligations_paid_on_time")
        );
        assert_eq!(card["obligations_overdue"], sum("obligations_overdue"));
        let due = sum("obligations_due") as usize;
        let on_time = sum("obligations_paid_on_time") as usize;
        let expected = if due == 0 {
            Value::Null
        } else {
            share(on_time, due)
        };
        assert_eq!(card["paid_on_time_share"], expected);
        let verdicts = mine
            .iter()
            .filter(|r| !r["consumer_resolved"].is_empty())
            .count();
        assert_eq!(card["consumer_verdicts"], verdicts);
        assert_eq!(card["consumer_resolved"], count("consumer_resolved"));
        let expected = if verdicts == 0 {
            Value::Null
        } else {
            share(count("consumer_resolved"), verdicts)
        };
        assert_eq!(card["consumer_resolved_share"], expected);
        let ratings: Vec<f64> = mine
            .iter()
            .filter_map(|r| r["satisfaction"].parse().ok())
            .collect();
        let mean = if ratings.is_empty() {
            Value::Null
        } else {
            json!(((ratings.iter().sum::<f64>() / ratings.len() as f64) * 100.0).round() / 100.0)
        };
        assert_eq!(card["mean_satisfaction"], mean);
        let listed = app.get("/api/v1/public/scorecards?limit=100").await.json();
        let same = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["business_id"] == p.business_id.as_str());
        assert_eq!(same, Some(&card));
    }
    // The figures themselves, for the record: business A resolved one of three, B answered one
    // of two within 72 hours and the other after 80.
    let a = app
        .get(&format!(
            "/api/v1/public/scorecards/{}",
            businesses[0].business_id
        ))
        .await
        .json();
    assert_eq!(
        (
            a["received"].as_u64(),
            a["resolved_by_business"].as_u64(),
            a["escalations"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    // Its one agreed refund of Tk 1,500 was paid on time and confirmed, and rated 4.
    assert_eq!(
        (
            a["money_confirmed_poisha"].as_i64(),
            a["paid_on_time_share"].as_f64(),
            a["mean_satisfaction"].as_f64()
        ),
        (Some(150_000), Some(1.0), Some(4.0))
    );
    let rows = csv_export(&app, "").await;
    let refunded: Vec<_> = rows
        .iter()
        .filter(|r| r["confirmed_poisha"] == "150000")
        .collect();
    assert_eq!(refunded.len(), 1);
    assert_eq!(
        (
            refunded[0]["remedy"].as_str(),
            refunded[0]["consumer_resolved"].as_str()
        ),
        ("refund", "true")
    );
    let b = app
        .get(&format!(
            "/api/v1/public/scorecards/{}",
            businesses[1].business_id
        ))
        .await
        .json();
    assert_eq!(
        (
            b["acted_within_72h"].as_u64(),
            b["median_first_response_hours"].as_f64()
        ),
        (Some(1), Some(40.0))
    );
}

#[actix_web::test]
async fn a_period_counts_only_the_months_asked_for() {
    let app = TestApp::spawn().await;
    let businesses = history(&app).await;
    let id = &businesses[0].business_id;
    let november = app
        .get(&format!(
            "/api/v1/public/scorecards/{id}?from=2026-11&to=2026-11"
        ))
        .await
        .json();
    assert_eq!(november["received"], 3);
    let october = app
        .get(&format!(
            "/api/v1/public/scorecards/{id}?from=2026-10&to=2026-10"
        ))
        .await
        .json();
    assert_eq!(october["received"], 0);
    assert_eq!(october["resolved_by_business_share"], Value::Null);
    let reversed = app
        .get(&format!(
            "/api/v1/public/scorecards/{id}?from=2026-12&to=2026-11"
        ))
        .await
        .json();
    assert_eq!(
        reversed["received"], 0,
        "a period that ends before it starts counts nothing"
    );
    app.get("/api/v1/public/scorecards?from=1969-12")
        .await
        .problem(400, "invalid_parameter");
}

#[actix_web::test]
async fn narratives_are_published_only_with_consent_and_without_numbers_or_addresses() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01770000003").await;
    let secrets = [
        "০১৭১২৩৪৫৬৭৮",
        "1990123456789",
        "rahim@example.com",
        "01812345678",
        "+8801770000003",
    ];
    let narrative = "আমার নম্বর ০১৭১২৩৪৫৬৭৮, NID 1990123456789, ইমেইল rahim@example.com, বিকাশ 01812345678-এ টাকা পাঠিয়েছি কিন্তু পণ্য পাইনি।";
    let consented = case(&app, &p, |b| {
        b["description"] = json!(narrative);
        b["consent_to_publish"] = json!(true);
    })
    .await;
    case(&app, &p, |b| {
        b["description"] =
            json!("=HYPERLINK(\"http://evil.example\", \"click\") the seller never shipped.");
        b["consent_to_publish"] = json!(true);
    })
    .await;
    case(&app, &p, |b| {
        b["description"] = json!("Private: call me at 01712345678 about the parcel.")
    })
    .await;

    let page = app.get("/api/v1/public/complaints").await;
    let csv = app
        .send(
            app.request(reqwest::Method::GET, "/api/v1/public/complaints")
                .header("accept", "text/csv"),
        )
        .await;
    for output in [&page.text, &csv.text] {
        for secret in secrets.iter().chain(["01712345678", "Private"].iter()) {
            assert!(!output.contains(secret), "{secret} published in {output}");
        }
    }
    let rows = page.json()["items"].as_array().unwrap().clone();
    let published: Vec<_> = rows
        .iter()
        .filter_map(|r| r["narrative"].as_str())
        .collect();
    assert_eq!(
        published.len(),
        2,
        "only the consenting cases have a narrative"
    );
    let published: Vec<_> = published
        .into_iter()
        .filter(|n| n.contains("পণ্য"))
        .collect();
    assert!(published[0].contains("পণ্য পাইনি") && published[0].contains("[number removed]"));
    assert!(
        rows.iter()
            .all(|r| r.get("consumer_phone").is_none() && r.get("tracking_number").is_none())
    );
    // The row's id is random: not the case id, which would tell the filing time.
    assert!(rows.iter().all(|r| r["id"] != consented.as_str()));
    assert!(!csv.text.contains(&consented));
    // A narrative that a spreadsheet would run as a formula is written as text.
    assert!(csv.text.contains("'=HYPERLINK"), "{}", csv.text);
}

#[actix_web::test]
async fn staff_statistics_count_cases_and_clocks() {
    let app = TestApp::spawn().await;
    history(&app).await;
    let stats = app.get_as(Role::Auditor, "/api/v1/statistics").await.json();
    assert_eq!(stats["total"], 5);
    let count = |list: &str, key: &str| {
        stats[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["key"] == key)
            .map(|c| c["count"].clone())
    };
    // The resolved case closed once its refund was confirmed.
    assert_eq!(count("by_state", "closed"), Some(json!(1)));
    assert_eq!(count("by_state", "escalated"), Some(json!(1)));
    assert_eq!(count("by_category", "non_delivery"), Some(json!(5)));
    assert_eq!(count("by_month", "2026-11"), Some(json!(5)));
    let clocks = stats["deadline_compliance"].as_array().unwrap();
    assert!(
        clocks
            .iter()
            .any(|c| c["clock"] == "business_action" && c["started"].as_i64() >= Some(5))
    );
    let states = stats["time_in_state"].as_array().unwrap();
    let with_business = states
        .iter()
        .find(|s| s["state"] == "with_business")
        .unwrap();
    assert!(with_business["moves"].as_i64() >= Some(3));
    app.get_as(Role::Consumer, "/api/v1/statistics")
        .await
        .problem(403, "forbidden");
}

#[actix_web::test]
async fn a_reopened_case_is_resolved_by_the_business_no_longer_in_the_dataset_and_scorecard() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01770000031").await;
    let id = case(&app, &p, |_| {}).await;
    step(&app, &p.agent, &id, "propose_resolution").await;
    step(&app, &p.consumer, &id, "accept").await;
    step(&app, &p.coordinator, &id, "close").await;
    let path = format!("/api/v1/public/scorecards/{}", p.business_id);
    let before = app.get(&path).await.json();
    assert_eq!(
        (
            before["resolved_by_business"].as_u64(),
            before["reopened"].as_u64()
        ),
        (Some(1), Some(0))
    );

    app.clock.advance(Duration::days(3));
    let consumer = app.consumer_token("01770000031").await;
    let reopened = act(
        &app,
        &consumer,
        &id,
        json!({"action": "reopen", "note": "The refund never came"}),
    )
    .await;
    assert_eq!(reopened.status, 200, "{}", reopened.text);

    let read = reopened.json();
    assert_eq!(
        (read["state"].as_str(), &read["outcome"]),
        (Some("escalated"), &Value::Null)
    );
    let row = &csv_export(&app, "").await[0];
    assert_eq!(
        (
            row["outcome"].as_str(),
            row["resolved_by_business"].as_str(),
            row["reopened"].as_str()
        ),
        ("", "false", "true")
    );
    // The card is counted afresh (a minute's cache has passed) from the rows as they are now.
    let after = app.get(&path).await.json();
    assert_eq!(
        (
            after["resolved_by_business"].as_u64(),
            after["resolved_by_business_share"].as_f64(),
            after["reopened"].as_u64()
        ),
        (Some(0), Some(0.0), Some(1)),
        "{after}"
    );
}
