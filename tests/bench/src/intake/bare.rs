//! PostgreSQL's own ceiling for filing a complaint on this machine: a bare transaction of four
//! INSERTs (a case, its first event, its outbox row, its audit entry) into four tables with a
//! primary key each, sent as pgbench's simple protocol would (one statement per round trip),
//! through the same driver the server uses, from 16 threads.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

const TABLES: &str = "
DROP TABLE IF EXISTS bare_complaints, bare_events, bare_outbox, bare_audit;
CREATE TABLE bare_complaints (id uuid PRIMARY KEY, tracking text NOT NULL, business uuid NOT NULL,
    consumer uuid NOT NULL, subject text NOT NULL, description text NOT NULL, state text NOT NULL,
    created_at timestamptz NOT NULL);
CREATE TABLE bare_events (id bigserial PRIMARY KEY, complaint uuid NOT NULL, kind text NOT NULL,
    at timestamptz NOT NULL);
CREATE TABLE bare_outbox (id bigserial PRIMARY KEY, event text NOT NULL, payload text NOT NULL,
    at timestamptz NOT NULL);
CREATE TABLE bare_audit (seq bigserial PRIMARY KEY, actor text NOT NULL, action text NOT NULL,
    target text NOT NULL, at timestamptz NOT NULL);";

/// Bare transactions a second, from `threads` connections for `duration`.
pub fn ceiling(url: &str, threads: usize, duration: Duration) -> f64 {
    PgConnection::establish(url)
        .unwrap()
        .batch_execute(TABLES)
        .unwrap();
    let done = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let (url, done) = (url.to_owned(), done.clone());
            std::thread::spawn(move || {
                let mut pg = PgConnection::establish(&url).unwrap();
                let mut n = 0u64;
                while Instant::now() < deadline {
                    for statement in transaction(t, n) {
                        pg.batch_execute(&statement).unwrap();
                    }
                    n += 1;
                }
                done.fetch_add(n, Ordering::Relaxed);
            })
        })
        .collect();
    workers.into_iter().for_each(|w| w.join().unwrap());
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// One filing's statements, literal values as a simple-protocol client sends them.
fn transaction(thread: usize, n: u64) -> [String; 6] {
    let id = uuid::Uuid::now_v7();
    [
        "BEGIN".into(),
        format!(
            "INSERT INTO bare_complaints VALUES ('{id}', 'CCMS-2026-{thread:02}{n:08}', \
             gen_random_uuid(), gen_random_uuid(), 'Parcel is late', \
             'Ordered two weeks ago and still not delivered to my address.', 'with_business', now())"
        ),
        format!("INSERT INTO bare_events (complaint, kind, at) VALUES ('{id}', 'filed', now())"),
        format!(
            "INSERT INTO bare_outbox (event, payload, at) VALUES ('complaint.created', \
             '{{\"id\":\"{id}\"}}', now())"
        ),
        format!(
            "INSERT INTO bare_audit (actor, action, target, at) VALUES ('consumer', \
             'complaint.file', '{id}', now())"
        ),
        "COMMIT".into(),
    ]
}
