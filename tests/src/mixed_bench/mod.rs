//! `ccms-bench URL CASES SECONDS mixed [reuse]`: a mixed load against a real `ccms serve`
//! process (target/release/ccms) on the seeded database, 16 requests in flight for SECONDS:
//! 40% consumers reading one of their cases, 20% business agents listing their cases, 20% the
//! public reading a business's scorecard for the month, 15% partner intakes, 5% business agents
//! writing a message on a case. Reports each kind's rate and p50/p99, and the server's resident
//! memory, sampled while it runs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ccms_api::auth::{Claims, TokenKeys};
use ccms_domain::access::Role;
use diesel::prelude::*;
use serde_json::json;
use uuid::Uuid;

use crate::export_bench::{memory_mib, spawn_server};

#[derive(QueryableByName)]
struct Case {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    consumer_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    business_id: Uuid,
}

/// A sampled case with its business and the tokens of those who act on it: (case, business,
/// consumer token, agent token, partner token).
type Party = (Uuid, Uuid, String, String, String);

const KINDS: [&str; 5] = [
    "consumer GET /complaints/{id}",
    "agent GET /complaints (page)",
    "public GET /public/scorecards/{id}",
    "partner POST /complaints",
    "agent POST /complaints/{id}/messages",
];

/// Which kind the `n`-th request is, by the mix's weights (out of 20).
fn kind_of(n: usize) -> usize {
    match n % 20 {
        0..=7 => 0,
        8..=11 => 1,
        12..=15 => 2,
        16..=18 => 3,
        _ => 4,
    }
}

pub async fn mixed(url: &str, seconds: u64) {
    let mut pg = PgConnection::establish(url).unwrap();
    let cases: Vec<Case> = diesel::sql_query(
        "SELECT id, consumer_id, business_id FROM complaints TABLESAMPLE SYSTEM (1) LIMIT 2000",
    )
    .load(&mut pg)
    .unwrap();
    let (mut server, port) = spawn_server(url);
    let pid = server.id();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let keys = TokenKeys::hs256(ccms_api::settings::DEVELOPMENT_SECRET).unwrap();
    let now = chrono::Utc::now();
    let sign = |sub: String, role: Role, business: Option<Uuid>| {
        keys.sign(&Claims {
            business_id: business,
            ..Claims::new(sub, role, now, chrono::Duration::hours(2))
        })
        .unwrap()
    };
    let tokens: Arc<Vec<Party>> = Arc::new(
        cases
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    c.id,
                    c.business_id,
                    sign(c.consumer_id.to_string(), Role::Consumer, None),
                    sign(
                        format!("bench-agent-{i}"),
                        Role::BusinessAgent,
                        Some(c.business_id),
                    ),
                    // Many partner clients, as many marketplaces: each has its own rate limit.
                    sign(
                        format!("bench-partner-{}", i % 200),
                        Role::Partner,
                        Some(c.business_id),
                    ),
                )
            })
            .collect(),
    );
    let client = reqwest::Client::new();
    let counter = Arc::new(AtomicUsize::new(0));
    // Keys and order references unique to this run, so a rerun on the same database is not
    // answered by replays or refusals of the last run's keys.
    let run = Arc::new(Uuid::now_v7().simple().to_string());
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let idle = memory_mib(pid).0;
    let sampler = std::thread::spawn(move || {
        let mut highest: f64 = 0.0;
        while Instant::now() < deadline {
            highest = highest.max(memory_mib(pid).0);
            std::thread::sleep(Duration::from_millis(100));
        }
        highest
    });
    let started = Instant::now();
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, base, tokens, counter, run) = (
                client.clone(),
                base.clone(),
                tokens.clone(),
                counter.clone(),
                run.clone(),
            );
            actix_web::rt::spawn(async move {
                let mut seen: Vec<(usize, Duration, u16)> = Vec::new();
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let (case, business, consumer, agent, partner) = &tokens[n % tokens.len()];
                    let kind = kind_of(n);
                    let request = match kind {
                        0 => client.get(format!("{base}/complaints/{case}")).bearer_auth(consumer),
                        1 => client.get(format!("{base}/complaints?limit=20")).bearer_auth(agent),
                        2 => client.get(format!("{base}/public/scorecards/{business}?from=2026-11&to=2026-11")),
                        3 => client
                            .post(format!("{base}/complaints"))
                            .bearer_auth(partner)
                            .header("idempotency-key", format!("mixed-{run}-{n}"))
                            .json(&json!({
                                "business_id": business, "consumer_phone": format!("0171{:07}", n % 10_000_000),
                                "category": "late_delivery", "subject": "Late", "description": "The parcel is a week late.",
                                "order_reference": format!("MIX-{}-{n}", &run[20..]),
                                "incident_date": chrono::Utc::now().date_naive().to_string(), "amount_paid": 150000,
                                "amount_claimed": 150000, "payment_method": "bkash", "desired_remedy": "refund",
                            })),
                        _ => client
                            .post(format!("{base}/complaints/{case}/messages"))
                            .bearer_auth(agent)
                            .json(&json!({ "text": "We are looking into it." })),
                    };
                    let sent = Instant::now();
                    let status = match request.send().await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            let _ = response.bytes().await;
                            status
                        }
                        Err(_) => 0,
                    };
                    seen.push((kind, sent.elapsed(), status));
                }
                seen
            })
        })
        .collect();
    let mut all: Vec<(usize, Duration, u16)> = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    let highest = sampler.join().unwrap();
    let (_, peak) = memory_mib(pid);
    println!(
        "mixed load, 16 in flight, {elapsed:.0} s: {} requests, {:.0}/s",
        all.len(),
        all.len() as f64 / elapsed
    );
    let mut overall: Vec<Duration> = all.iter().map(|r| r.1).collect();
    overall.sort_unstable();
    let pct = |sorted: &[Duration], p: f64| {
        sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
    };
    println!(
        "{:<40} p50 {:>7.2} ms  p99 {:>7.2} ms",
        "all",
        pct(&overall, 0.5),
        pct(&overall, 0.99)
    );
    for (k, name) in KINDS.iter().enumerate() {
        let mut mine: Vec<Duration> = all.iter().filter(|r| r.0 == k).map(|r| r.1).collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_unstable();
        let failed = all
            .iter()
            .filter(|r| r.0 == k && !(200..300).contains(&r.2))
            .count();
        println!(
            "{name:<40} {:>6} ({:>5.0}/s)  p50 {:>7.2} ms  p99 {:>7.2} ms  not 2xx: {failed}",
            mine.len(),
            mine.len() as f64 / elapsed,
            pct(&mine, 0.5),
            pct(&mine, 0.99)
        );
    }
    println!(
        "server resident memory: {idle:.0} MiB idle, {highest:.0} MiB highest sample under load, peak (VmHWM) {peak:.0} MiB"
    );
    let _ = server.kill();
    let _ = server.wait();
}
