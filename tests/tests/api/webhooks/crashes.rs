use std::time::Duration as Wait;

use ccms_api::clock::Clock;
use ccms_api::dispatch::Allowance;
use ccms_persistence::webhooks::deliveries;
use ccms_tests::receiver::Receiver;
use chrono::Duration;

use super::{filed, setup, subscribe};

#[actix_web::test]
async fn killing_the_server_between_commit_and_delivery_loses_no_event() {
    let (app, p) = setup("01762000001").await;
    let receiver = Receiver::start(&[], 200).await;
    subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    // Committed with its outbox row; this server runs no dispatcher, so nothing is sent.
    let case = filed(&app, &p).await;
    assert!(receiver.requests().is_empty());

    let app = app
        .crash_and_restart(|s| {
            s.delivery.webhook_allow = vec![Allowance::Http, Allowance::Loopback];
            s.delivery.dispatch_interval_secs = 1;
        })
        .await;

    let got = receiver.wait_for(1, Wait::from_secs(20)).await;
    assert_eq!(got[0].json()["complaint"]["id"], case.as_str());
    drop(app);
}

#[actix_web::test]
async fn a_delivery_taken_by_a_process_that_died_is_sent_once_its_lease_ends() {
    let (app, p) = setup("01762000002").await;
    let receiver = Receiver::start(&[], 200).await;
    subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    filed(&app, &p).await;
    // A first round that may not reach the receiver queues the delivery; its attempt fails.
    let now = app.clock.now();
    app.dispatcher(|s| s.webhook_allow.clear())
        .run_once(&app.clock)
        .await
        .unwrap();
    // Another process takes the delivery and dies before sending it.
    let taken = app
        .store
        .transaction(|conn| {
            deliveries::take_due(conn, now + Duration::hours(1), Duration::seconds(60), 10)
        })
        .unwrap();
    assert_eq!(taken.len(), 1);

    app.clock.advance(Duration::hours(1));
    assert_eq!(
        app.dispatch().await.delivered,
        0,
        "still leased to the dead process"
    );
    app.clock.advance(Duration::seconds(61));
    assert_eq!(app.dispatch().await.delivered, 1);
    assert_eq!(receiver.requests().len(), 1);
}

#[actix_web::test]
async fn dispatchers_running_at_once_send_each_event_once() {
    let (app, p) = setup("01762000003").await;
    app.allow_filings(10);
    let receiver = Receiver::start(&[], 200).await;
    subscribe(&app, &p.agent, &receiver.url, &["complaint.created"]).await;
    for _ in 0..6 {
        filed(&app, &p).await;
    }
    let (a, b, c) = (
        app.dispatcher(|_| {}),
        app.dispatcher(|_| {}),
        app.dispatcher(|_| {}),
    );

    let (ra, rb, rc) = tokio::join!(
        a.run_once(&app.clock),
        b.run_once(&app.clock),
        c.run_once(&app.clock)
    );

    let delivered = ra.unwrap().delivered + rb.unwrap().delivered + rc.unwrap().delivered;
    let got = receiver.requests();
    let mut ids: Vec<&str> = got.iter().map(|r| r.header("webhook-id")).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), got.len(), "an event was sent twice");
    assert_eq!((got.len(), delivered), (6, 6));
}
