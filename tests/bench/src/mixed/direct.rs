//! The mix's statements straight to PostgreSQL through the persistence crate, without HTTP,
//! tokens, JSON or the rules: what the server's requests cost the database, for the ratio.

use ccms_domain::complaint::transition::CaseChange;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ccms_domain::complaint::routing::{DEFAULT_POLICY_JSON, RoutingPolicy};
use ccms_domain::complaint::{Category, Channel, Complaint, Filing, PaymentMethod, Poisha, Remedy};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::delivery::notice::Language;
use ccms_domain::text::Line;
use ccms_persistence::audit::{self, AuditEntry};
use ccms_persistence::complaints::events::{self, Event};
use ccms_persistence::complaints::{
    self, CaseMove, ComplaintFilter, Visibility, next_tracking_number,
};
use ccms_persistence::idempotency::{self, StoredAnswer};
use ccms_persistence::identity::accounts;
use ccms_persistence::journal::Journal;
use ccms_persistence::outbox::{self, OutboxMessage};
use ccms_persistence::registry::businesses;
use ccms_persistence::registry::respondents::{self, Named};
use ccms_persistence::transparency::scorecard_counts;
use ccms_persistence::{Batch, DbConnection, PageRequest, Store, StoreError, StoreSettings};
use chrono::{TimeZone, Utc};
use serde_json::json;
use uuid::Uuid;

use super::report::Sample;
use super::{Case, TRANSITION, kind_of};

/// 16 threads through the mix until `duration` has passed; the chain's linker runs beside
/// them as in the server.
pub fn run(url: &str, cases: &[Case], run: &str, duration: Duration) -> Vec<Sample> {
    let store = Store::new(&StoreSettings {
        url: url.to_owned(),
        max_connections: 17,
        connect_timeout: Duration::from_secs(5),
    })
    .unwrap();
    let policy: RoutingPolicy = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
    let scorecards: Mutex<HashMap<Uuid, Instant>> = Mutex::new(HashMap::new());
    let counter = AtomicUsize::new(0);
    let filed: Mutex<Vec<Uuid>> = Mutex::new(Vec::new());
    let start = Instant::now();
    let deadline = start + duration;
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    std::thread::scope(|scope| {
        let linker = {
            let (store, done) = (store.clone(), done.clone());
            scope.spawn(move || {
                while !done.load(Ordering::Relaxed) {
                    ccms_api::audit::linker::link_waiting(&store).unwrap();
                    std::thread::sleep(ccms_api::audit::linker::LINK_EVERY);
                }
            })
        };
        let workers: Vec<_> = (0..16)
            .map(|_| {
                let (store, policy, scorecards, counter, start, filed) =
                    (&store, &policy, &scorecards, &counter, start, &filed);
                scope.spawn(move || {
                    let mut seen = Vec::new();
                    while Instant::now() < deadline {
                        let n = counter.fetch_add(1, Ordering::Relaxed);
                        let case = &cases[n % cases.len()];
                        let sent = Instant::now();
                        let waiting = (kind_of(n) == TRANSITION)
                            .then(|| filed.lock().ok().and_then(|mut f| f.pop()))
                            .flatten();
                        let (kind, outcome) = match (kind_of(n), waiting) {
                            (TRANSITION, Some(id)) => {
                                (TRANSITION, store.transaction(|c| acknowledge(c, id)))
                            }
                            (0 | TRANSITION, _) => {
                                (0, store.read(|c| complaints::find(c, case.id).map(drop)))
                            }
                            (1, _) => (1, store.read(|c| list(c, case.business_id))),
                            (2, _) => (
                                2,
                                store.read(|c| scorecard(c, case.business_id, scorecards)),
                            ),
                            (3, _) => {
                                let id = intake(store, policy, case.business_id, run, n);
                                if let (Ok(id), Ok(mut filed)) = (&id, filed.lock()) {
                                    filed.push(*id);
                                }
                                (3, id.map(drop))
                            }
                            _ => (4, store.transaction(|c| message(c, case.id))),
                        };
                        let status = if outcome.is_ok() { 200 } else { 500 };
                        seen.push((kind, sent.elapsed(), status, sent - start));
                    }
                    seen
                })
            })
            .collect();
        let all = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect();
        done.store(true, Ordering::Relaxed);
        linker.join().unwrap();
        all
    })
}

fn list(conn: &mut DbConnection, business: Uuid) -> Result<(), StoreError> {
    let page = PageRequest {
        limit: Some(20),
        cursor: None,
    };
    complaints::list(
        conn,
        &Visibility::Business(business),
        &ComplaintFilter::default(),
        &page,
    )
    .map(drop)
}

/// As the server: counted once a minute per business, then kept.
fn scorecard(
    conn: &mut DbConnection,
    business: Uuid,
    kept: &Mutex<HashMap<Uuid, Instant>>,
) -> Result<(), StoreError> {
    businesses::find(conn, business)?;
    let fresh = kept
        .lock()
        .unwrap()
        .get(&business)
        .is_some_and(|at| at.elapsed() < Duration::from_secs(60));
    if !fresh {
        let from = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).single();
        let until = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).single();
        scorecard_counts(conn, business, (from, until), Utc::now())?;
        kept.lock().unwrap().insert(business, Instant::now());
    }
    Ok(())
}

fn entry(case: Uuid, action: &'static str) -> AuditEntry {
    AuditEntry {
        at: Utc::now(),
        actor: "bench".into(),
        role: "partner".into(),
        action,
        target_type: "complaint",
        target_id: case.to_string(),
        request_id: None,
        detail: json!({}),
    }
}

fn event(case: Uuid, kind: &str) -> Event {
    Event {
        seq: 0,
        complaint_id: case,
        at: Utc::now(),
        actor: "bench".into(),
        role: "partner".into(),
        kind: kind.into(),
        action: None,
        from_state: None,
        to_state: None,
        staff_only: false,
        detail: json!({ "text": "We are looking into it." }),
    }
}

fn announce(case: &Complaint, kind: &str) -> OutboxMessage {
    OutboxMessage {
        event_id: Uuid::now_v7(),
        event_type: kind.into(),
        complaint_id: Some(case.id),
        business_id: Some(case.filing.business_id),
        payload: json!({ "complaint": { "id": case.id, "state": case.state } }),
        created_at: Utc::now(),
    }
}

fn message(conn: &mut DbConnection, id: Uuid) -> Result<(), StoreError> {
    let case = complaints::find(conn, id)?;
    events::append(conn, event(id, "message"))?;
    outbox::enqueue_all(conn, vec![announce(&case, "complaint.message_added")])?;
    audit::record(conn, entry(id, "complaint.message"))
}

/// A business acknowledging a case: its move, timeline event, announcement and audit entry.
fn acknowledge(conn: &mut DbConnection, id: Uuid) -> Result<(), StoreError> {
    let case = complaints::find(conn, id)?;
    let now = Utc::now();
    let mut journal = Journal::default();
    journal.move_case(CaseMove {
        id,
        version: case.version,
        new_version: case.version + 1,
        change: CaseChange {
            first_response_at: Some(now),
            ..CaseChange::keeping(&case)
        },
        at: now,
    })?;
    journal.events.push(event(id, "transition"));
    journal
        .outbox
        .push(announce(&case, "complaint.status_changed"));
    journal.audit.push(entry(id, "complaint.acknowledge"));
    journal.write(conn)
}

/// A partner's intake as the handler sends it: one transaction claiming the Idempotency-Key,
/// reading what filing reads, and writing the case, its rows and the key's answer as one batch.
fn intake(
    store: &Store,
    policy: &RoutingPolicy,
    business: Uuid,
    run: &str,
    n: usize,
) -> Result<Uuid, StoreError> {
    let key = format!("direct-{run}-{n}");
    let client = format!("bench-partner-{}", n % 200);
    store.transaction(|conn| {
        let now = Utc::now();
        idempotency::claim(conn, &client, &key, "fp", now)?;
        respondents::find(conn, Named::Id(business))?;
        let phone = PhoneNumber::parse(&format!("0181{:07}", n % 10_000_000)).unwrap();
        let consumer = accounts::consumer_for_phone(conn, &phone, now)?;
        let order = format!("DIRECT-{}-{n}", &run[20..]);
        complaints::find_open_duplicate(conn, consumer.id, business, &order)?;
        let filing = Filing {
            business_id: business,
            channel: Channel::Partner,
            category: Category::LateDelivery,
            subject: Line::parse("Late").unwrap(),
            description: Line::parse("The parcel is a week late.").unwrap(),
            order_reference: Some(Line::parse(&order).unwrap()),
            order_date: None,
            incident_date: now.date_naive(),
            amount_paid: Poisha::new(150_000).unwrap(),
            amount_claimed: Poisha::new(150_000).unwrap(),
            payment_method: PaymentMethod::Bkash,
            desired_remedy: Remedy::Refund,
            contacted_business_on: None,
            consent_to_publish: false,
        };
        let complaint = crate::seed::with_business(
            filing,
            policy,
            next_tracking_number(conn, 2026)?,
            (consumer.id, phone),
            Some(client.clone()),
        );
        let mut batch = Batch::on(conn);
        let stored = complaints::insert_batched(&mut batch, &complaint)?;
        complaints::contacts::save_batched(&mut batch, stored.id, Language::Bn, None);
        let timeline = ["filed", "routed", "transition", "clock_started"];
        events::append_into(
            &mut batch,
            timeline.iter().map(|k| event(stored.id, k)).collect(),
        );
        outbox::enqueue_into(&mut batch, vec![announce(&stored, "complaint.created")]);
        audit::record_into(&mut batch, vec![entry(stored.id, "complaint.file")]);
        let answer = StoredAnswer {
            status: 201,
            headers: vec![],
            body: vec![b'{'; 1500],
        };
        idempotency::complete_batched(&mut batch, (&client, &key, now), &answer, now);
        batch.run(conn)?;
        Ok(stored.id)
    })
}
