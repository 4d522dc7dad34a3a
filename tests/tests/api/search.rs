//! Staff search: words in Bangla or English however they were typed, exact phone numbers,
//! within exactly the cases the caller may list. The same corpus and the same answers on
//! SQLite (FTS5) and PostgreSQL (a GIN index of the words).

use ccms_api::auth::Claims;
use ccms_api::clock::Clock;
use ccms_domain::access::Role;
use ccms_tests::TestApp;
use ccms_tests::fixtures::complaint;
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use super::complaints::{Parties, file, moved, parties};

/// Files a case with this subject and description; answers its tracking number and id.
async fn filed(app: &TestApp, p: &Parties, subject: &str, description: &str) -> (String, String) {
    let mut body = complaint(&p.business_id, "2026-10-25");
    body["subject"] = json!(subject);
    body["description"] = json!(description);
    body.as_object_mut().unwrap().remove("order_reference");
    let answer = file(app, &p.consumer, &body).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    let case = answer.json();
    let number = case["tracking_number"].as_str().unwrap().to_owned();
    (number, case["id"].as_str().unwrap().to_owned())
}

/// The tracking numbers a search finds, sorted.
async fn found(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let answer = searched(app, token, &[("q", query)]).await;
    assert_eq!(answer.0, 200, "{query}: {}", answer.1);
    let mut numbers: Vec<String> = answer.1["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["tracking_number"].as_str().unwrap().to_owned())
        .collect();
    numbers.sort();
    numbers
}

async fn searched(app: &TestApp, token: &str, query: &[(&str, &str)]) -> (u16, Value) {
    let mut url = reqwest::Url::parse("http://ccms.test/api/v1/complaints").unwrap();
    url.query_pairs_mut().extend_pairs(query);
    let path = format!("/api/v1/complaints?{}", url.query().unwrap_or_default());
    let answer = app.send_with(token, app.request(Method::GET, &path)).await;
    (
        answer.status.as_u16(),
        serde_json::from_str(&answer.text).unwrap_or(Value::Null),
    )
}

fn sorted(mut numbers: Vec<&String>) -> Vec<String> {
    numbers.sort();
    numbers.into_iter().cloned().collect()
}

/// Three narratives: Bangla with Bangla digits, a phone and a brand in Bangla letters; English
/// with ASCII digits; Bangla typed with a decomposed nukta letter and a zero-width non-joiner.
async fn corpus(app: &TestApp, p: &Parties) -> [(String, String); 3] {
    app.allow_filings(20);
    [
        filed(
            app,
            p,
            "ইভ্যালি পণ্য দেয়নি",
            "অর্ডার ৪৫৬৭ এর টাকা ফেরত চাই। বিকাশ নম্বর ০১৭১২-৩৪৫৬৭৮ থেকে পাঠিয়েছিলাম।",
        )
        .await,
        filed(
            app,
            p,
            "Refund not received",
            "Paid by bKash for order 4567, it never arrived.",
        )
        .await,
        filed(
            app,
            p,
            "ভুল প্রো\u{200C}ডাক্ট পাঠিয়েছে",
            "ফোন দে\u{09AF}\u{09BC}নি, বদলে দে\u{09AF}\u{09BC}নি।",
        )
        .await,
    ]
}

#[actix_web::test]
async fn staff_find_words_however_digits_joiners_and_letter_forms_were_typed() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01712000001").await;
    let [(a, _), (b, _), (c, _)] = corpus(&app, &p).await;
    let coordinator = &p.coordinator;
    for (query, expected) in [
        ("৪৫৬৭", vec![&a, &b]),
        ("4567", vec![&a, &b]),
        ("বিকাশ", vec![&a, &b]),
        ("BKASH", vec![&a, &b]),
        ("evaly", vec![&a]),
        ("দেয়নি", vec![&a, &c]),
        ("প্রোডাক্ট", vec![&c]),
        ("product", vec![&c]),
        ("01712345678", vec![&a]),
        ("+880 1712-345678", vec![&a]),
        ("টাকা ফেরত", vec![&a]),
        ("refund arrived", vec![&b]),
        ("refund ফেরত", vec![]),
        ("নেই", vec![]),
    ] {
        assert_eq!(
            found(&app, coordinator, query).await,
            sorted(expected),
            "{query}"
        );
    }
}

#[actix_web::test]
async fn an_officer_finds_only_cases_escalated_to_their_agency_and_parties_may_not_search() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01712000002").await;
    let [(a, id_a), _, _] = corpus(&app, &p).await;
    moved(
        &app,
        &p.coordinator,
        &id_a,
        json!({"action": "escalate"}),
        "escalated",
    )
    .await;
    assert_eq!(found(&app, &p.officer, "4567").await, vec![a.clone()]);
    let now = app.clock.now();
    let elsewhere = app.sign(&Claims {
        agency: Some("BTRC".into()),
        ..Claims::new("officer-btrc", Role::Officer, now, Duration::hours(1))
    });
    assert_eq!(found(&app, &elsewhere, "4567").await, Vec::<String>::new());
    let regulator = app.sign(&Claims {
        agency: Some("BTRC".into()),
        ..Claims::new("regulator-btrc", Role::Regulator, now, Duration::hours(1))
    });
    assert_eq!(found(&app, &regulator, "ইভ্যালি").await, Vec::<String>::new());

    for token in [&p.consumer, &p.agent] {
        let (status, problem) = searched(&app, token, &[("q", "4567")]).await;
        assert_eq!(status, 400, "{problem}");
        assert_eq!(problem["errors"][0]["code"], "search_staff_only");
    }
}

#[actix_web::test]
async fn auditors_search_words_but_not_the_numbers_they_read_masked() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01712000003").await;
    let [(a, _), _, _] = corpus(&app, &p).await;
    let auditor = app.token(Role::Auditor);
    assert_eq!(found(&app, &auditor, "ইভ্যালি").await, vec![a]);
    for query in [
        [("q", "01712345678")],
        [("q", "৪৫৬৭")],
        [("phone", "01712000003")],
    ] {
        let (status, problem) = searched(&app, &auditor, &query).await;
        assert_eq!(status, 400, "{problem}");
        assert_eq!(problem["errors"][0]["code"], "search_numbers_masked");
    }
}

#[actix_web::test]
async fn a_phone_finds_the_complainants_cases_in_any_written_form() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01712000004").await;
    let cases = corpus(&app, &p).await;
    let all = sorted(cases.iter().map(|(n, _)| n).collect());
    for phone in ["01712000004", "+8801712000004", "০১৭১২০০০০০৪"] {
        let (status, page) = searched(&app, &p.coordinator, &[("phone", phone)]).await;
        assert_eq!(status, 200, "{page}");
        let mut numbers: Vec<String> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["tracking_number"].as_str().unwrap().to_owned())
            .collect();
        numbers.sort();
        assert_eq!(numbers, all, "{phone}");
    }
    let (status, page) = searched(&app, &p.coordinator, &[("phone", "01812000004")]).await;
    assert_eq!((status, page["items"].as_array().unwrap().len()), (200, 0));
    let (status, problem) = searched(&app, &p.coordinator, &[("phone", "12345")]).await;
    assert_eq!(
        (status, problem["errors"][0]["code"].clone()),
        (400, json!("phone_format"))
    );
}

#[actix_web::test]
async fn a_note_makes_its_words_findable_and_cases_filed_before_search_are_indexed() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01712000005").await;
    let [_, _, (c, id_c)] = corpus(&app, &p).await;
    let note = json!({"text": "গ্রাহক হটলাইনে ফোন করেছেন", "internal": true});
    let request = app.request(Method::POST, &format!("/api/v1/complaints/{id_c}/messages"));
    assert_eq!(
        app.send_with(&p.coordinator, request.json(&note))
            .await
            .status,
        201
    );
    assert_eq!(found(&app, &p.coordinator, "হটলাইনে").await, vec![c.clone()]);

    // As after the upgrade that added search: no case has its words yet.
    app.store
        .transaction(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query("DELETE FROM complaint_search").execute(conn)?;
            Ok::<_, ccms_persistence::StoreError>(())
        })
        .unwrap();
    assert_eq!(
        found(&app, &p.coordinator, "হটলাইনে").await,
        Vec::<String>::new()
    );
    assert_eq!(
        ccms_usecases::indexing::index_missing(&app.store).unwrap(),
        3
    );
    assert_eq!(found(&app, &p.coordinator, "হটলাইনে").await, vec![c.clone()]);
    assert_eq!(found(&app, &p.coordinator, "দেয়নি").await.len(), 2);
    assert_eq!(
        ccms_usecases::indexing::index_missing(&app.store).unwrap(),
        0
    );
}

#[actix_web::test]
async fn a_case_whose_text_has_no_words_still_takes_messages_that_make_it_findable() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01712000006").await;
    let (number, id) = filed(&app, &p, "!!!", "?????????? ।।। ?????????? ।।।").await;
    let note = json!({"text": "হটলাইন থেকে ফোন", "internal": true});
    let request = app.request(Method::POST, &format!("/api/v1/complaints/{id}/messages"));
    let answer = app.send_with(&p.coordinator, request.json(&note)).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    assert_eq!(found(&app, &p.coordinator, "হটলাইন").await, vec![number]);
}
