//! `ccms-bench URL CASES SECONDS signins`: a storm of wrong staff sign-ins against a real
//! `ccms serve` process (target/release/ccms), 200 in flight, each from its own address (the
//! server trusts the bench as its proxy, so `X-Forwarded-For` names the address), while one
//! reader keeps asking for the public business registry. Reports the sign-ins' answers, the
//! reads' latency, and the server's resident memory. The goal: under 150 MiB, and public reads
//! under 50 ms p99 meanwhile.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::export::{memory_mib, spawn_server_with};

const IN_FLIGHT: usize = 200;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

pub async fn signins(url: &str, seconds: u64) {
    let (mut server, port) = spawn_server_with(url, &[("CCMS_TRUSTED_PROXIES", "127.0.0.1")]);
    let pid = server.id();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()
        .unwrap();
    let idle = memory_mib(pid).0;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let sampler = std::thread::spawn(move || {
        let mut highest: f64 = 0.0;
        while Instant::now() < deadline {
            highest = highest.max(memory_mib(pid).0);
            std::thread::sleep(Duration::from_millis(100));
        }
        highest
    });
    let counter = Arc::new(AtomicUsize::new(0));
    let storm: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let (client, base, counter) = (client.clone(), base.clone(), counter.clone());
            actix_web::rt::spawn(async move {
                let mut statuses = Vec::new();
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    // A new address and account each time: no rate limit or lockout helps.
                    let answer = client
                        .post(format!("{base}/auth/login"))
                        .header("x-forwarded-for", format!("10.{}.{}.{}", n >> 16 & 255, n >> 8 & 255, n & 255))
                        .json(&serde_json::json!({"email": format!("storm{n}@ccms.test"), "password": "a wrong password"}))
                        .send()
                        .await;
                    statuses.push(answer.map_or(0, |a| a.status().as_u16()));
                }
                statuses
            })
        })
        .collect();
    let reader = {
        let (client, base) = (client.clone(), base.clone());
        actix_web::rt::spawn(async move {
            let mut latencies = Vec::new();
            let mut failed = 0;
            while Instant::now() < deadline {
                let sent = Instant::now();
                match client
                    .get(format!("{base}/businesses?limit=20"))
                    .send()
                    .await
                {
                    Ok(answer) if answer.status() == 200 => {
                        let _ = answer.bytes().await;
                        latencies.push(sent.elapsed());
                    }
                    _ => failed += 1,
                }
                actix_web::rt::time::sleep(Duration::from_millis(20)).await;
            }
            (latencies, failed)
        })
    };
    let mut statuses: Vec<u16> = Vec::new();
    for task in storm {
        statuses.extend(task.await.unwrap());
    }
    let (mut reads, failed_reads) = reader.await.unwrap();
    let highest = sampler.join().unwrap();
    let (rss, peak) = memory_mib(pid);
    let count = |status: u16| statuses.iter().filter(|s| **s == status).count();
    println!(
        "{IN_FLIGHT} wrong sign-ins in flight for {seconds} s: {} sent, {} answered 401, {} answered 503 (overloaded), {} other",
        statuses.len(),
        count(401),
        count(503),
        statuses.len() - count(401) - count(503)
    );
    let mut others: Vec<u16> = statuses
        .iter()
        .copied()
        .filter(|s| *s != 401 && *s != 503)
        .collect();
    others.sort_unstable();
    others.dedup();
    if !others.is_empty() {
        println!("other statuses: {others:?} (0: no answer)");
    }
    reads.sort_unstable();
    if !reads.is_empty() {
        println!(
            "public reads meanwhile: {} answered 200, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {failed_reads} not 200",
            reads.len(),
            percentile(&reads, 0.5),
            percentile(&reads, 0.99),
            percentile(&reads, 1.0)
        );
    }
    println!(
        "server resident memory: {idle:.0} MiB idle, {highest:.0} MiB highest sample, {rss:.0} MiB after, peak (VmHWM) {peak:.0} MiB"
    );
    let _ = server.kill();
    let _ = server.wait();
}
