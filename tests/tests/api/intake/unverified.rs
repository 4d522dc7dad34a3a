//! A held case whose caller never confirms closes `unverified` at its clock's boundary (one
//! second before: still held), its operator is told by e-mail, and the business never hears of
//! it.

use ccms_domain::delivery::notice::Channel;
use ccms_persistence::notifications;
use ccms_tests::TestApp;
use chrono::{DateTime, Duration, Utc};

use super::{case_as, desk, file_for};
use crate::deadlines::sweep;

#[actix_web::test]
async fn an_unconfirmed_case_closes_unverified_at_its_clock_and_its_operator_is_told() {
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000002").await;
    let filed = file_for(&app, &d, "01764000002").await.json();
    let id = filed["id"].as_str().unwrap().to_owned();
    let due: DateTime<Utc> = filed["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "intake_confirmation")
        .and_then(|c| c["deadline"].as_str())
        .unwrap_or_else(|| panic!("no confirmation clock: {filed}"))
        .parse()
        .unwrap();
    let now = ccms_api::clock::Clock::now(&app.clock);
    assert_eq!(due - now, Duration::days(7));

    app.clock.advance(due - now - Duration::seconds(1));
    sweep(&app);
    // A week on: the operator signs in again.
    let login = app
        .login(&d.operator_email, ccms_tests::fixtures::STAFF_PASSWORD)
        .await;
    let operator = login.json()["access_token"].as_str().unwrap().to_owned();
    let held = case_as(&app, &operator, &id).await;
    assert_eq!(held.status, 200, "{}", held.text);
    let held = held.json();
    assert_eq!(held["state"], "submitted", "one second before: kept");

    app.clock.advance(Duration::seconds(1));
    assert_eq!(sweep(&app).closed, 1);
    let closed = case_as(&app, &operator, &id).await.json();
    assert_eq!(
        (closed["state"].as_str(), closed["outcome"].as_str()),
        (Some("closed"), Some("unverified"))
    );
    // Still not the business's: it was never sent to it.
    let agent = app.sign(&ccms_api::auth::Claims {
        business_id: filed["business_id"].as_str().and_then(|b| b.parse().ok()),
        ..ccms_api::auth::Claims::new(
            "agent-2",
            ccms_domain::access::Role::BusinessAgent,
            ccms_api::clock::Clock::now(&app.clock),
            Duration::hours(1),
        )
    });
    assert_eq!(case_as(&app, &agent, &id).await.status, 404);

    app.dispatch().await;
    let told = app
        .store
        .read(|c| notifications::to_recipient(c, &d.operator_email))
        .unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].channel, Channel::Email);
    assert!(
        told[0]
            .text
            .body
            .contains(filed["tracking_number"].as_str().unwrap())
    );
    let business_heard: i64 = outbox_for_business(&app, &filed["business_id"]);
    assert_eq!(
        business_heard, 0,
        "no event of a held case reaches its business"
    );
}

/// Outbox messages addressed to the business.
fn outbox_for_business(app: &TestApp, business: &serde_json::Value) -> i64 {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let id = business.as_str().unwrap();
    let query = format!("SELECT count(*) AS n FROM outbox WHERE business_id = '{id}'");
    app.store
        .read(|conn| {
            Ok::<_, ccms_persistence::StoreError>(
                diesel::sql_query(query).get_result::<Count>(conn)?,
            )
        })
        .unwrap()
        .n
}
