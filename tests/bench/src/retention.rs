//! `ccms-bench URL CASES 0 retention [reuse]`: 10 000 of the seeded cases withdrawn four years
//! ago (every other one with a consented narrative holding numbers to scrub); one retention
//! sweep must erase them all, a transaction per 200 cases, in bounded memory.

use std::time::{Duration, Instant};

/// Closes `count` open cases 1 200 days ago, past the shipped retention of 1 095 days.
fn close_long_ago(url: &str, count: i64) {
    use diesel::connection::SimpleConnection;
    use diesel::{Connection, PgConnection};
    let mut pg = PgConnection::establish(url).unwrap();
    pg.batch_execute(&format!(
        "WITH old AS (SELECT id FROM complaints WHERE state = 'with_business' LIMIT {count})
         UPDATE complaints SET state = 'withdrawn', outcome = 'withdrawn',
           closed_at = now() - interval '1200 days', clocks = '[]'::jsonb, due_at = NULL,
           wake_at = NULL, consent_to_publish = (abs(hashtext(id::text)) % 2 = 0),
           description = 'Paid by bKash 01712345678; write to rahim@example.com'
         WHERE id IN (SELECT id FROM old);
         ANALYZE complaints;"
    ))
    .unwrap();
}

pub fn retention(url: &str) {
    close_long_ago(url, 10_000);
    let store = ccms_persistence::Store::new(&ccms_persistence::StoreSettings {
        url: url.to_owned(),
        max_connections: 2,
        connect_timeout: Duration::from_secs(10),
    })
    .unwrap();
    let calendar = std::sync::Arc::new(ccms_api::calendar::CalendarBook::default());
    let worker = ccms_api::worker::DeadlineWorker::new(store, calendar);
    let before = super::peak_rss_mib();
    let started = Instant::now();
    let erased = worker.erase_expired(chrono::Utc::now()).unwrap();
    let files: usize = erased.iter().map(|e| e.evidence.len()).sum();
    println!(
        "one retention sweep: {} cases erased ({files} evidence files) in {:.2} s; peak resident memory {:.0} MiB (before {before:.0} MiB)",
        erased.len(),
        started.elapsed().as_secs_f64(),
        super::peak_rss_mib()
    );
}
