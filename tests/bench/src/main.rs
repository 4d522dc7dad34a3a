#![doc = include_str!("../README.md")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod collective;
mod export;
mod intake;
mod mixed;
mod retention;
mod seed;
mod signins;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ccms_api::auth::Claims;
use ccms_api::clock::SystemClock;
use ccms_api::{Application, Settings};
use ccms_domain::access::Role;
use futures_util::StreamExt;
use futures_util::stream;
use reqwest::Method;
use seed::{Seeded, direct_intakes, seed};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn report(name: &str, mut latencies: Vec<Duration>, elapsed: Duration) {
    latencies.sort_unstable();
    let rate = latencies.len() as f64 / elapsed.as_secs_f64();
    println!(
        "{name:<40} {:>6} requests  {rate:>8.0}/s  p50 {:>6.2} ms  p99 {:>6.2} ms",
        latencies.len(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99)
    );
}

/// Sends `requests` with `concurrency` in flight; returns latencies and wall time.
async fn load(
    requests: Vec<reqwest::RequestBuilder>,
    concurrency: usize,
    expect: u16,
) -> (Vec<Duration>, Duration) {
    let started = Instant::now();
    let latencies: Vec<Duration> = stream::iter(requests)
        .map(|request| async move {
            let sent = Instant::now();
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.bytes().await.unwrap();
            assert_eq!(status, expect, "{}", String::from_utf8_lossy(&body));
            sent.elapsed()
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    (latencies, started.elapsed())
}

/// Peak resident memory of this process so far, in MiB (Linux `VmHWM`).
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// The database to measure on: the one a previous run seeded (`reuse`), or a fresh one seeded
/// with `cases` now.
fn bench_database(postgres: &str, cases: i64, reuse: bool) -> String {
    if reuse {
        return format!("{}/ccms_bench", postgres.rsplit_once('/').unwrap().0);
    }
    let started = Instant::now();
    let seeded = seed(postgres, cases);
    println!(
        "seeded {cases} cases in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        seeded.database
    );
    seeded.url
}

/// `sweep` mode: 10 000 of the seeded cases are due; one sweep must apply them all.
/// With `reuse`, the database a previous run seeded is swept again (10 000 more cases made due).
fn sweep_mode(postgres: &str, cases: i64, reuse: bool) {
    let url = bench_database(postgres, cases, reuse);
    seed::make_due(&url, 10_000);
    let store = ccms_persistence::Store::new(&ccms_persistence::StoreSettings {
        url: url.clone(),
        max_connections: 2,
        connect_timeout: Duration::from_secs(10),
    })
    .unwrap();
    let file: ccms_domain::calendar::HolidayFile =
        serde_json::from_str(ccms_domain::calendar::HOLIDAYS_JSON).unwrap();
    ccms_api::calendar::publish_first(&store, &file, chrono::Utc::now()).unwrap();
    let calendar = std::sync::Arc::new(ccms_api::calendar::CalendarBook::default());
    let worker = ccms_api::worker::DeadlineWorker::new(store.clone(), calendar);
    let before = peak_rss_mib();
    let started = Instant::now();
    let report = worker.sweep(chrono::Utc::now()).unwrap();
    println!(
        "one sweep: {report:?} in {:.2} s; peak resident memory {:.0} MiB (before the sweep {before:.0} MiB)",
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
}

/// The database a mode measures on, from its arguments: `URL CASES _ MODE [reuse]` (a million
/// cases unless told).
fn seeded(args: &[String]) -> String {
    let postgres = args.get(1).cloned().unwrap_or_default();
    let cases: i64 = args
        .get(2)
        .and_then(|c| c.parse().ok())
        .unwrap_or(1_000_000);
    let reuse = args.get(5).map(String::as_str) == Some("reuse");
    bench_database(&postgres, cases, reuse)
}

#[actix_web::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let reuse = args.get(5).map(String::as_str) == Some("reuse");
    if args.get(4).map(String::as_str) == Some("export") {
        let url = seeded(&args);
        export::shape_for_export(&url);
        return export::export(&url).await;
    }
    if args.get(4).map(String::as_str) == Some("retention") {
        let url = seeded(&args);
        return retention::retention(&url);
    }
    if args.get(4).map(String::as_str) == Some("collective") {
        let url = seeded(&args);
        return collective::collective(&url, reuse).await;
    }
    if args.get(4).map(String::as_str) == Some("intake") {
        let postgres = args.get(1).cloned().unwrap_or_default();
        let cases: i64 = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(100_000);
        let intakes: usize = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(4000);
        let reuse = args.get(5).map(String::as_str) == Some("reuse");
        let url = bench_database(&postgres, cases, reuse);
        return intake::intake(&postgres, &url, intakes).await;
    }
    if args.get(4).map(String::as_str) == Some("wrk-plan") {
        let postgres = args.get(1).cloned().unwrap_or_default();
        return mixed::plan::print(&bench_database(&postgres, 0, true));
    }
    if args.get(4).map(String::as_str) == Some("mixed") {
        let postgres = args.get(1).cloned().unwrap_or_default();
        let cases: i64 = args
            .get(2)
            .and_then(|c| c.parse().ok())
            .unwrap_or(1_000_000);
        let seconds: u64 = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(60);
        let rate: Option<u32> = args[5.min(args.len())..]
            .iter()
            .find_map(|a| a.parse().ok());
        let reuse = args[5.min(args.len())..].iter().any(|a| a == "reuse");
        let url = bench_database(&postgres, cases, reuse);
        return mixed::mixed(&url, seconds, rate).await;
    }
    if args.get(4).map(String::as_str) == Some("signins") {
        let postgres = args.get(1).cloned().unwrap_or_default();
        let cases: i64 = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(1000);
        let seconds: u64 = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(30);
        let reuse = args.get(5).map(String::as_str) == Some("reuse");
        return signins::signins(&bench_database(&postgres, cases, reuse), seconds).await;
    }
    if args.get(4).map(String::as_str) == Some("sweep") {
        let postgres = args.get(1).cloned().unwrap_or_default();
        let cases: i64 = args
            .get(2)
            .and_then(|c| c.parse().ok())
            .unwrap_or(1_000_000);
        return sweep_mode(
            &postgres,
            cases,
            args.get(5).map(String::as_str) == Some("reuse"),
        );
    }
    let server = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".into());
    let cases: i64 = args
        .get(2)
        .and_then(|c| c.parse().ok())
        .unwrap_or(1_000_000);
    let intakes: usize = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(2_000);
    let concurrency = 16;

    let started = Instant::now();
    let Seeded {
        url,
        database,
        consumers,
        sample_ids,
        business_id,
    } = seed(&server, cases);
    println!(
        "seeded {cases} cases in {:.1} s ({database})",
        started.elapsed().as_secs_f64()
    );

    // Every request admitted: this mode measures latency at chosen loads, not admission (the
    // `mixed` modes measure that with the default bound).
    let settings = Settings {
        db_pool_size: 16,
        max_in_flight: Some(64),
        workers: Some(2),
        ..Settings::for_database(url.clone())
    };
    let app = Application::build_with_clock(settings, Arc::new(SystemClock))
        .await
        .unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let server = app.handle();
    actix_web::rt::spawn(app.run());
    let keys = ccms_api::auth::TokenKeys::hs256(ccms_api::settings::DEVELOPMENT_SECRET).unwrap();
    let now = chrono::Utc::now();
    let sign = |claims: Claims| keys.sign(&claims).unwrap();
    let coordinator = sign(Claims::new(
        "bench",
        Role::Coordinator,
        now,
        chrono::Duration::hours(2),
    ));
    let client = reqwest::Client::new();

    let filters = [
        "state=with_business&category=non_delivery",
        "category=payment_problem",
        "state=escalated&agency=DNCRP",
        "",
    ];
    // Reads at several loads: the server, PostgreSQL and this load generator share the cores.
    for in_flight in [4, 8, 16] {
        let gets = sample_ids
            .iter()
            .map(|id| {
                client
                    .request(Method::GET, format!("{base}/api/v1/complaints/{id}"))
                    .bearer_auth(&coordinator)
            })
            .collect();
        let (latencies, elapsed) = load(gets, in_flight, 200).await;
        report(
            &format!("GET /complaints/{{id}}, {in_flight} in flight"),
            latencies,
            elapsed,
        );
        let lists = (0..2000)
            .map(|i| {
                let url = format!(
                    "{base}/api/v1/complaints?limit=20&{}",
                    filters[i % filters.len()]
                );
                client.request(Method::GET, url).bearer_auth(&coordinator)
            })
            .collect();
        let (latencies, elapsed) = load(lists, in_flight, 200).await;
        report(
            &format!("GET /complaints first page, {in_flight} in flight"),
            latencies,
            elapsed,
        );
    }

    let tokens: Vec<String> = consumers
        .iter()
        .map(|c| {
            sign(Claims::new(
                c.to_string(),
                Role::Consumer,
                now,
                chrono::Duration::hours(2),
            ))
        })
        .collect();
    let today = (now + chrono::Duration::hours(6)).date_naive().to_string();
    let filings = (0..intakes)
        .map(|i| {
            let body = serde_json::json!({
                "business_id": business_id, "category": "late_delivery", "subject": "Parcel is late",
                "description": "Ordered two weeks ago and still not delivered to my address.",
                "order_reference": format!("BENCH-HTTP-{i}"), "incident_date": today,
                "amount_paid": 250000, "amount_claimed": 250000, "payment_method": "cod", "desired_remedy": "delivery",
            });
            client.request(Method::POST, format!("{base}/api/v1/complaints")).bearer_auth(&tokens[i % tokens.len()]).json(&body)
        })
        .collect();
    let (latencies, elapsed) = load(filings, concurrency, 201).await;
    let http_rate = latencies.len() as f64 / elapsed.as_secs_f64();
    report("POST /complaints (intake over HTTP)", latencies, elapsed);

    let (count, elapsed) = direct_intakes(&url, &consumers, business_id, intakes, concurrency);
    let direct_rate = count as f64 / elapsed.as_secs_f64();
    println!(
        "{:<40} {count:>6} intakes   {direct_rate:>8.0}/s",
        "same statements straight to PostgreSQL"
    );
    println!(
        "intake over HTTP reaches {:.0}% of the direct rate",
        100.0 * http_rate / direct_rate
    );
    // Stop the server and its connections before the process exits.
    server.stop(true).await;
}
