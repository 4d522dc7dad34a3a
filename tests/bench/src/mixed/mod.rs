//! `ccms-bench URL CASES SECONDS mixed [reuse] [RATE]`: a mixed load against a real
//! `ccms serve` process (target/release/ccms) on the seeded database: 35% consumers reading
//! one of their cases, 20% business agents listing their cases, 20% the public reading a
//! business's scorecard for the month, 15% partner intakes, 5% business agents acknowledging a
//! case filed earlier in the run (a transition), 5% business agents writing a message on a case.
//!
//! Without RATE, 16 requests are kept in flight for SECONDS (the most the machine serves);
//! with RATE, requests start at that many a second whatever the answers (a sustained load),
//! each timed from when it was due, after a 10 s warm-up reported apart. Then the same mix's statements go straight to PostgreSQL
//! from 16 threads for SECONDS, for the ratio. Reports each kind's rate and p50/p99, and the
//! server's resident memory, sampled while it runs.

mod direct;
mod load;
pub mod plan;
mod report;

use std::time::{Duration, Instant};

use ccms_api::auth::{Claims, TokenKeys};
use ccms_domain::access::Role;
use diesel::prelude::*;
use uuid::Uuid;

use crate::export::{memory_mib, spawn_server};

#[derive(QueryableByName, Clone)]
pub struct Case {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub consumer_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub business_id: Uuid,
}

/// A sampled case and the tokens of those who act on it.
pub struct Party {
    pub case: Case,
    pub consumer: String,
    pub agent: String,
    pub partner: String,
}

/// How long an open-loop run goes before it is counted.
const WARM_UP: Duration = Duration::from_secs(10);

pub const KINDS: [&str; 6] = [
    "consumer GET /complaints/{id}",
    "agent GET /complaints (page)",
    "public GET /public/scorecards/{id}",
    "partner POST /complaints",
    "agent POST /complaints/{id}/messages",
    "agent POST /complaints/{id}/actions",
];

/// The kind of a transition: a business agent acknowledging a case filed earlier in the run.
pub const TRANSITION: usize = 5;

/// Which kind the `n`-th request is, by the mix's weights (out of 20).
pub fn kind_of(n: usize) -> usize {
    match n % 20 {
        0..=6 => 0,
        7..=10 => 1,
        11..=14 => 2,
        15..=17 => 3,
        18 => TRANSITION,
        _ => 4,
    }
}

fn parties(cases: &[Case]) -> Vec<Party> {
    let keys = TokenKeys::hs256(ccms_api::settings::DEVELOPMENT_SECRET).unwrap();
    let now = chrono::Utc::now();
    let sign = |sub: String, role: Role, business: Option<Uuid>| {
        keys.sign(&Claims {
            business_id: business,
            ..Claims::new(sub, role, now, chrono::Duration::hours(2))
        })
        .unwrap()
    };
    cases
        .iter()
        .enumerate()
        .map(|(i, c)| Party {
            case: c.clone(),
            consumer: sign(c.consumer_id.to_string(), Role::Consumer, None),
            agent: sign(
                format!("bench-agent-{i}"),
                Role::BusinessAgent,
                Some(c.business_id),
            ),
            // Many partner clients, as many marketplaces: each has its own rate limit.
            partner: sign(
                format!("bench-partner-{}", i % 200),
                Role::Partner,
                Some(c.business_id),
            ),
        })
        .collect()
}

#[derive(QueryableByName)]
struct Checkpoints {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

fn checkpoints(pg: &mut PgConnection) -> i64 {
    diesel::sql_query("SELECT checkpoints_timed + checkpoints_req AS count FROM pg_stat_bgwriter")
        .get_result::<Checkpoints>(pg)
        .map_or(0, |c| c.count)
}

pub async fn mixed(url: &str, seconds: u64, rate: Option<u32>) {
    let mut pg = PgConnection::establish(url).unwrap();
    // What autovacuum would have done since the last run (it may be off, as on the machine
    // these numbers come from): dead rows gone, statistics fresh.
    diesel::connection::SimpleConnection::batch_execute(&mut pg, "VACUUM ANALYZE").unwrap();
    let checkpoints_before = checkpoints(&mut pg);
    let cases: Vec<Case> = diesel::sql_query(
        "SELECT id, consumer_id, business_id FROM complaints TABLESAMPLE SYSTEM (1) LIMIT 2000",
    )
    .load(&mut pg)
    .unwrap();
    let (mut server, port) = spawn_server(url);
    let pid = server.id();
    let parties = parties(&cases);
    // Keys and order references unique to this run, so a rerun on the same database is not
    // answered by replays or refusals of the last run's keys.
    let run = Uuid::now_v7().simple().to_string();
    let duration = Duration::from_secs(seconds);
    let idle = memory_mib(pid).0;
    let deadline = Instant::now() + duration + rate.map_or(Duration::ZERO, |_| WARM_UP);
    // The highest resident memory seen during the warm-up, and after it.
    let warm_until = Instant::now() + rate.map_or(Duration::ZERO, |_| WARM_UP);
    let sampler = std::thread::spawn(move || {
        let (mut warm, mut steady): (f64, f64) = (0.0, 0.0);
        while Instant::now() < deadline {
            let now = memory_mib(pid).0;
            if Instant::now() < warm_until {
                warm = warm.max(now);
            } else {
                steady = steady.max(now);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        (warm, steady)
    });
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let started = Instant::now();
    let (title, samples) = match rate {
        None => (
            "mixed load over HTTP, 16 in flight".to_owned(),
            load::closed(&base, parties, &run, duration).await,
        ),
        Some(rate) => {
            // A fresh process first opens its connections and counts each business's
            // scorecard once; that start is shown apart from the sustained load after it.
            let all = load::open(&base, parties, &run, WARM_UP + duration, rate).await;
            let (warm, steady): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| s.3 < WARM_UP);
            report::print(
                &format!("warm-up, {rate} requests started a second (not counted below)"),
                &warm,
                WARM_UP.as_secs_f64(),
            );
            (
                format!("mixed load over HTTP, {rate} requests started a second"),
                steady,
            )
        }
    };
    let elapsed = match rate {
        None => started.elapsed().as_secs_f64(),
        Some(_) => duration.as_secs_f64(),
    };
    let over_http = report::print(&title, &samples, elapsed);
    report::print_windows(&samples);
    let (warm, highest) = sampler.join().unwrap();
    let (_, peak) = memory_mib(pid);
    if rate.is_some() {
        println!("server resident memory during the warm-up: {warm:.0} MiB highest sample");
    }
    println!(
        "server resident memory: {idle:.0} MiB idle, {highest:.0} MiB highest sample under the counted load, peak of the process (VmHWM) {peak:.0} MiB"
    );
    println!(
        "PostgreSQL checkpoints during the run: {}",
        checkpoints(&mut pg) - checkpoints_before
    );
    let _ = server.kill();
    let _ = server.wait();
    if rate.is_none() {
        let started = Instant::now();
        let samples = direct::run(url, &cases, &run, duration);
        let direct = report::print(
            "the same statements straight to PostgreSQL, 16 threads",
            &samples,
            started.elapsed().as_secs_f64(),
        );
        println!(
            "over HTTP / straight to PostgreSQL: {:.0}%",
            100.0 * over_http / direct
        );
    }
}
