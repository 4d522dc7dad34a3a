//! `ccms-bench`: intake and read throughput and latency on PostgreSQL with many cases.
//!
//! Creates a fresh database, seeds it with `--cases` complaints (1 000 000 by default) straight
//! in SQL, starts the real application on port 0, and measures over HTTP:
//! get-by-id and list-first-page (with filters) latency, and intake throughput, then the same
//! intake statements sent straight to the database without HTTP, to report the ratio.
//!
//! cargo run --release -p ccms-tests --bin ccms-bench -- postgres://postgres@127.0.0.1:5432/test
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use ccms_api::auth::Claims;
use ccms_api::clock::SystemClock;
use ccms_api::{Application, Settings};
use ccms_domain::access::Role;
use ccms_tests::bench::{Seeded, direct_intakes, seed};
use futures_util::StreamExt;
use futures_util::stream;
use reqwest::Method;

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

#[actix_web::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
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

    let settings = Settings {
        db_pool_size: 16,
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

    let gets = sample_ids
        .iter()
        .map(|id| {
            client
                .request(Method::GET, format!("{base}/api/v1/complaints/{id}"))
                .bearer_auth(&coordinator)
        })
        .collect();
    let (latencies, elapsed) = load(gets, concurrency, 200).await;
    report("GET /complaints/{id}", latencies, elapsed);

    let filters = [
        "state=with_business&category=non_delivery",
        "category=payment_problem",
        "state=escalated&agency=DNCRP",
        "",
    ];
    let lists = (0..2000)
        .map(|i| {
            client
                .request(
                    Method::GET,
                    format!(
                        "{base}/api/v1/complaints?limit=20&{}",
                        filters[i % filters.len()]
                    ),
                )
                .bearer_auth(&coordinator)
        })
        .collect();
    let (latencies, elapsed) = load(lists, concurrency, 200).await;
    report("GET /complaints (first page, filters)", latencies, elapsed);

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
}
