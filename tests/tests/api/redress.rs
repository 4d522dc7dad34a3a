//! Redress that is delivered, not only promised: a structured remedy proposed, countered,
//! accepted onto the ledger, paid and confirmed (the case closes), or overdue or disputed (the
//! consumer may reopen, and DNCRP gets the obligation in its packet).

use ccms_api::clock::Clock;
use ccms_persistence::notifications;
use ccms_tests::TestApp;
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

use crate::authority::{get, ok, post, resigned};
use crate::complaints::{Parties, act, actions, file, moved, parties};
use crate::deadlines::sweep;

async fn filed(app: &TestApp, p: &Parties) -> String {
    let body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    ok(file(app, &p.consumer, &body).await, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The case's agreed refund, proposed and accepted: answers the ledger's path for it.
async fn agreed(app: &TestApp, p: &Parties, id: &str) -> String {
    moved(
        app,
        &p.agent,
        id,
        app.proposal("Tk 1,500 back to bKash"),
        "awaiting_consumer",
    )
    .await;
    moved(
        app,
        &p.consumer,
        id,
        json!({"action": "accept"}),
        "resolved",
    )
    .await;
    let ledger = format!("/api/v1/complaints/{id}/obligations");
    let lines = ok(get(app, &p.consumer, &ledger).await, 200);
    assert_eq!(lines.as_array().unwrap().len(), 1, "{lines}");
    format!("{ledger}/{}/steps", lines[0]["id"].as_str().unwrap())
}

async fn case(app: &TestApp, token: &str, id: &str) -> Value {
    ok(
        get(app, token, &format!("/api/v1/complaints/{id}")).await,
        200,
    )
}

#[actix_web::test]
async fn a_countered_refund_is_accepted_paid_and_confirmed_and_the_case_closes_resolved() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000001").await;
    let id = filed(&app, &p).await;
    let mut first = app.proposal("A voucher for Tk 1,000");
    first["remedy"] = json!({"kind": "other", "promised_by": "2026-11-05"});
    moved(&app, &p.agent, &id, first, "awaiting_consumer").await;
    // The business counters before the consumer answers: the new offer replaces the first.
    let countered = moved(
        &app,
        &p.agent,
        &id,
        app.proposal("Tk 1,500 back to bKash"),
        "awaiting_consumer",
    )
    .await;
    let offer = &countered["offer"];
    assert_eq!(
        (&offer["remedy"], &offer["amount_poisha"], &offer["status"]),
        (&json!("refund"), &json!(150_000), &json!("proposed"))
    );
    assert_eq!(offer["promised_by"], "2026-11-04");
    let seen = case(&app, &p.consumer, &id).await;
    assert_eq!(seen["offer"], *offer, "the consumer sees exactly the offer");
    assert_eq!(actions(&seen), vec!["accept", "reject", "withdraw"]);

    let resolved = moved(
        &app,
        &p.consumer,
        &id,
        json!({"action": "accept"}),
        "resolved",
    )
    .await;
    assert_eq!(
        resolved["outcome"],
        Value::Null,
        "no outcome until delivered"
    );
    let ledger = format!("/api/v1/complaints/{id}/obligations");
    let lines = ok(get(&app, &p.agent, &ledger).await, 200);
    let refund = &lines[0];
    assert_eq!(
        (&refund["kind"], &refund["amount_poisha"], &refund["status"]),
        (&json!("refund"), &json!(150_000), &json!("owed"))
    );
    // Due at the end of the promised day in Dhaka, sooner than the 10-day refund clock.
    assert_eq!(refund["due_at"], "2026-11-04T18:00:00Z");
    let steps = format!("{ledger}/{}/steps", refund["id"].as_str().unwrap());

    // Nobody confirms their own payment, and the consumer cannot pay the business's refund.
    let confirm = json!({"step": "confirm"});
    post(&app, &p.agent, &steps, confirm.clone())
        .await
        .problem(409, "step_not_allowed");
    let pay = json!({"step": "pay", "reference": "BKASH-TRX-9F3K2"});
    post(&app, &p.consumer, &steps, pay.clone())
        .await
        .problem(409, "step_not_allowed");
    let paid = ok(post(&app, &p.agent, &steps, pay).await, 200);
    assert_eq!(paid["reference"], "BKASH-TRX-9F3K2");
    assert_eq!(case(&app, &p.consumer, &id).await["state"], "resolved");
    ok(post(&app, &p.consumer, &steps, confirm).await, 200);

    let closed = case(&app, &p.consumer, &id).await;
    assert_eq!(
        (closed["state"].as_str(), closed["outcome"].as_str()),
        (Some("closed"), Some("resolved_by_business"))
    );
    let events = ok(
        get(
            &app,
            &p.consumer,
            &format!("/api/v1/complaints/{id}/events"),
        )
        .await,
        200,
    );
    let offers: Vec<&Value> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "offer")
        .map(|e| &e["detail"]["status"])
        .collect();
    assert_eq!(
        offers,
        [
            &json!("proposed"),
            &json!("replaced"),
            &json!("proposed"),
            &json!("accepted")
        ],
        "the first offer stays on the timeline"
    );
}

#[actix_web::test]
async fn a_refund_never_paid_turns_overdue_at_its_boundary_and_the_consumer_reopens_to_dncrp() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000002").await;
    let id = filed(&app, &p).await;
    let steps = agreed(&app, &p, &id).await;
    let ledger = steps
        .rsplit_once("/steps")
        .unwrap()
        .0
        .rsplit_once('/')
        .unwrap()
        .0
        .to_owned();
    let due: chrono::DateTime<chrono::Utc> =
        ok(get(&app, &p.agent, &ledger).await, 200)[0]["due_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();

    let now = app.clock.now();
    app.clock.advance(due - now - Duration::seconds(1));
    assert_eq!(sweep(&app).obligations_overdue, 0);
    let p = resigned(&app, p, "01788000002").await;
    let consumer = p.consumer.clone();
    assert!(!actions(&case(&app, &consumer, &id).await).contains(&"reopen"));
    app.clock.advance(Duration::seconds(1));
    assert_eq!(sweep(&app).obligations_overdue, 1);
    let overdue = case(&app, &consumer, &id).await;
    assert_eq!(overdue["remedy_failing"], true);
    assert_eq!(actions(&overdue), vec!["reopen"]);
    // Only the consumer may reopen; the business may still pay late.
    let agent_view = case(&app, &p.agent, &id).await;
    assert!(actions(&agent_view).is_empty(), "{agent_view}");

    app.dispatch().await;
    let told = app
        .store
        .read(|c| notifications::to_recipient(c, "+8801788000002"))
        .unwrap();
    assert!(
        told.iter()
            .any(|n| n.text.body.contains("reopen") && n.text.body.contains("in time")),
        "{told:?}"
    );

    let reopened = moved(
        &app,
        &consumer,
        &id,
        json!({"action": "reopen"}),
        "escalated",
    )
    .await;
    assert_eq!(reopened["outcome"], Value::Null);
    let packet = ok(
        get(&app, &p.officer, &format!("/api/v1/complaints/{id}/packet")).await,
        200,
    );
    let owed = &packet["obligations"][0];
    assert_eq!(
        (&owed["kind"], &owed["status"], &owed["amount_poisha"]),
        (&json!("refund"), &json!("overdue"), &json!(150_000))
    );
}

#[actix_web::test]
async fn a_disputed_payment_lets_the_consumer_reopen_until_the_business_pays_again() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000003").await;
    let id = filed(&app, &p).await;
    let steps = agreed(&app, &p, &id).await;
    let pay = json!({"step": "pay", "reference": "BKASH-TRX-1"});
    ok(post(&app, &p.agent, &steps, pay).await, 200);
    post(&app, &p.consumer, &steps, json!({"step": "dispute"}))
        .await
        .problem(422, "validation_failed");
    let reason = "Nothing arrived in my bKash wallet.";
    let disputed = ok(
        post(
            &app,
            &p.consumer,
            &steps,
            json!({"step": "dispute", "reason": reason}),
        )
        .await,
        200,
    );
    assert_eq!(
        (&disputed["status"], &disputed["dispute_reason"]),
        (&json!("disputed"), &json!(reason))
    );
    let seen = case(&app, &p.consumer, &id).await;
    assert_eq!(
        (seen["remedy_failing"].as_bool(), actions(&seen)),
        (Some(true), vec!["reopen"])
    );

    let again = json!({"step": "pay", "reference": "BKASH-TRX-2"});
    ok(post(&app, &p.agent, &steps, again).await, 200);
    let seen = case(&app, &p.consumer, &id).await;
    assert_eq!(seen["remedy_failing"], false);
    assert!(actions(&seen).is_empty(), "{seen}");
}

#[actix_web::test]
async fn a_proposal_without_a_sound_remedy_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000004").await;
    let id = filed(&app, &p).await;
    let refused = |body: Value| {
        let (app, agent, id) = (&app, p.agent.clone(), id.clone());
        async move {
            act(app, &agent, &id, body)
                .await
                .problem(422, "validation_failed")
        }
    };
    let bare = refused(json!({"action": "propose_resolution", "note": "We will refund"})).await;
    assert_eq!(bare["errors"][0]["field"], "remedy");
    let mut no_amount = app.proposal("A refund");
    no_amount["remedy"] = json!({"kind": "refund", "promised_by": "2026-11-04"});
    let problem = refused(no_amount).await;
    assert_eq!(problem["errors"][0]["field"], "remedy.amount_poisha");
    assert_eq!(problem["errors"][0]["code"], "required");
    let mut past = app.proposal("A replacement");
    past["remedy"] = json!({"kind": "replacement", "promised_by": "2026-10-31"});
    let problem = refused(past).await;
    assert_eq!(
        (
            &problem["errors"][0]["field"],
            &problem["errors"][0]["code"]
        ),
        (&json!("remedy.promised_by"), &json!("before_today"))
    );
    let mut wrong_action = app.proposal("x");
    wrong_action["action"] = json!("acknowledge");
    let problem = refused(wrong_action).await;
    assert_eq!(problem["errors"][0]["code"], "not_for_this_action");
    assert_eq!(case(&app, &p.agent, &id).await["state"], "with_business");

    // Another business's agent cannot see the case, let alone propose on it.
    let other = parties(&app, "01788000005").await;
    let request = app
        .request(Method::POST, &format!("/api/v1/complaints/{id}/actions"))
        .json(&app.proposal("A refund"));
    app.send_with(&other.agent, request)
        .await
        .problem(404, "not_found");
}

/// The business pays the agreed refund and the consumer confirms it: the case closes.
async fn delivered(app: &TestApp, p: &Parties, id: &str) {
    let steps = agreed(app, p, id).await;
    let pay = json!({"step": "pay", "reference": "BKASH-TRX-7"});
    ok(post(app, &p.agent, &steps, pay).await, 200);
    ok(
        post(app, &p.consumer, &steps, json!({"step": "confirm"})).await,
        200,
    );
}

#[actix_web::test]
async fn the_consumer_gives_a_verdict_once_within_the_window_after_the_case_closed() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000006").await;
    let (early, late) = (filed(&app, &p).await, filed(&app, &p).await);
    delivered(&app, &p, &early).await;
    delivered(&app, &p, &late).await;
    let verdict = json!({"resolved": false, "rating": 2, "comment": "Paid, but a month late."});
    let path = |id: &str| format!("/api/v1/complaints/{id}/feedback");
    ok(
        post(&app, &p.consumer, &path(&early), verdict.clone()).await,
        201,
    );
    let kept = ok(get(&app, &p.consumer, &path(&early)).await, 200);
    assert_eq!(
        (&kept["resolved"], &kept["rating"]),
        (&json!(false), &json!(2))
    );
    post(&app, &p.agent, &path(&late), verdict.clone())
        .await
        .problem(403, "forbidden");

    app.clock.advance(Duration::days(30));
    let p = resigned(&app, p, "01788000006").await;
    let too_late = post(&app, &p.consumer, &path(&late), verdict).await;
    too_late.problem(409, "window_closed");
}

#[actix_web::test]
async fn a_business_response_is_public_only_once_a_coordinator_publishes_it_scrubbed() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000007").await;
    let id = filed(&app, &p).await;
    let path = format!("/api/v1/complaints/{id}/response");
    let words = json!({"text": "We refunded in full; call us on 01712345678 with any question."});
    post_put(&app, &p.agent, &path, words.clone())
        .await
        .problem(409, "case_not_closed");
    delivered(&app, &p, &id).await;
    post_put(&app, &p.consumer, &path, words.clone())
        .await
        .problem(403, "forbidden");
    let other = parties(&app, "01788000008").await;
    post_put(&app, &other.agent, &path, words.clone())
        .await
        .problem(404, "not_found");
    let pending = ok(post_put(&app, &p.agent, &path, words.clone()).await, 200);
    assert_eq!(pending["status"], "pending");
    get(&app, &p.consumer, &path)
        .await
        .problem(404, "not_found");
    let waiting = ok(
        get(&app, &p.coordinator, "/api/v1/responses/pending").await,
        200,
    );
    assert_eq!(waiting[0]["complaint_id"], json!(id));

    let moderation = format!("{path}/moderation");
    post(
        &app,
        &p.coordinator,
        &moderation,
        json!({"decision": "reject"}),
    )
    .await
    .problem(422, "validation_failed");
    post(&app, &p.agent, &moderation, json!({"decision": "publish"}))
        .await
        .problem(403, "forbidden");
    let reason = "Please leave out the phone number.";
    let rejected = ok(
        post(
            &app,
            &p.coordinator,
            &moderation,
            json!({"decision": "reject", "reason": reason}),
        )
        .await,
        200,
    );
    assert_eq!(
        (&rejected["status"], &rejected["reason"]),
        (&json!("rejected"), &json!(reason))
    );
    ok(post_put(&app, &p.agent, &path, words).await, 200);
    ok(
        post(
            &app,
            &p.coordinator,
            &moderation,
            json!({"decision": "publish"}),
        )
        .await,
        200,
    );
    let published = ok(get(&app, &p.consumer, &path).await, 200);
    assert_eq!(published["status"], "published");
    post_put(&app, &p.agent, &path, json!({"text": "Changed our mind."}))
        .await
        .problem(409, "step_not_allowed");

    let rows = app
        .get(&format!(
            "/api/v1/public/complaints?business_id={}",
            p.business_id
        ))
        .await
        .json();
    assert_eq!(
        rows["items"][0]["business_response"],
        "We refunded in full; call us on [number removed] with any question."
    );
}

async fn post_put(app: &TestApp, token: &str, path: &str, body: Value) -> ccms_tests::Answer {
    let request = app.request(Method::PUT, path).json(&body);
    app.send_with(token, request).await
}

#[actix_web::test]
async fn the_consumer_hears_their_time_to_answer_and_a_business_without_webhooks_hears_by_email() {
    use ccms_api::auth::Claims;
    use ccms_domain::access::Role;
    use ccms_domain::delivery::notice::Channel;

    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000009").await;
    let shop = ccms_tests::fixtures::business()
        .set("contact_email", json!("care@shop.example.com.bd"))
        .json();
    let shop = app
        .post_as(Role::Coordinator, "/api/v1/businesses", &shop)
        .await
        .json();
    let shop_id = shop["id"].as_str().unwrap();
    let agent = app.sign(&Claims {
        business_id: Some(shop_id.parse().unwrap()),
        ..Claims::new(
            "agent-9",
            Role::BusinessAgent,
            app.clock.now(),
            Duration::days(30),
        )
    });
    let body = ccms_tests::fixtures::complaint(shop_id, "2026-10-25");
    let id = ok(file(&app, &p.consumer, &body).await, 201)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    moved(
        &app,
        &agent,
        &id,
        app.proposal("A refund"),
        "awaiting_consumer",
    )
    .await;
    app.clock.advance(Duration::days(6) + Duration::hours(1));
    sweep(&app);
    app.dispatch().await;

    let to = |who: &'static str| {
        app.store
            .read(move |c| notifications::to_recipient(c, who))
            .unwrap()
    };
    let consumer = to("+8801788000009");
    let answered = consumer
        .iter()
        .find(|n| {
            n.text.subject == "ব্যবসা প্রতিষ্ঠান উত্তর দিয়েছে"
                || n.text.subject == "The business answered"
        })
        .unwrap();
    assert!(
        answered.text.body.contains("১৬৮ ঘণ্টার") || answered.text.body.contains("168 hours"),
        "{answered:?}"
    );
    assert!(
        consumer.iter().any(|n| n.text.subject == "প্রস্তাবের উত্তর দিন"
            || n.text.subject == "Answer the business's proposal"),
        "{consumer:?}"
    );
    let business = to("care@shop.example.com.bd");
    assert!(business.iter().all(|n| n.channel == Channel::Email));
    assert!(
        business
            .iter()
            .any(|n| n.text.subject.ends_with("complaint.created")),
        "{business:?}"
    );
}

#[actix_web::test]
async fn the_consumer_is_told_when_information_is_asked_and_once_when_a_remedy_falls_due_soon() {
    let app = TestApp::spawn().await;
    let p = parties(&app, "01788000010").await;
    let id = filed(&app, &p).await;
    let ask = json!({"action": "request_info", "note": "Which wallet number did you pay from?"});
    moved(&app, &p.agent, &id, ask, "with_business").await;
    let answer = json!({"action": "provide_info", "note": "The one I filed with."});
    moved(&app, &p.consumer, &id, answer, "with_business").await;
    let steps = agreed(&app, &p, &id).await;
    let ledger = steps
        .rsplit_once('/')
        .unwrap()
        .0
        .rsplit_once('/')
        .unwrap()
        .0
        .to_owned();
    let due: chrono::DateTime<chrono::Utc> =
        ok(get(&app, &p.agent, &ledger).await, 200)[0]["due_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
    let now = app.clock.now();
    app.clock.advance(due - now - Duration::hours(25));
    assert_eq!(
        sweep(&app).obligations_reminded,
        0,
        "not yet within the day"
    );
    app.clock.advance(Duration::hours(2));
    assert_eq!(sweep(&app).obligations_reminded, 1);
    assert_eq!(sweep(&app).obligations_reminded, 0, "once");
    app.dispatch().await;
    let subjects: Vec<String> = app
        .store
        .read(|c| notifications::to_recipient(c, "+8801788000010"))
        .unwrap()
        .into_iter()
        .map(|n| n.text.subject)
        .collect();
    for wanted in [
        ["Information asked for", "তথ্য চাওয়া হয়েছে"],
        ["Your remedy falls due soon", "প্রতিকারের সময় ঘনিয়ে এসেছে"],
    ] {
        assert!(
            subjects.iter().any(|s| wanted.contains(&s.as_str())),
            "{wanted:?} in {subjects:?}"
        );
    }
}
