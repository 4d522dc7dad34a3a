//! `ccms-bench URL CASES 0 export [reuse]`: the open dataset's CSV export of every seeded case,
//! from a real `ccms serve` process (target/release/ccms, built first), with that process's
//! resident memory watched while it streams. The goal: under 100 MB for a million rows.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Resident memory of process `pid` in MiB: (`VmRSS`, `VmHWM`).
pub fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Gives the seeded cases what the dataset shows: a first response for those the business
/// acted on, and a consented narrative (with numbers to scrub) on every tenth.
pub fn shape_for_export(url: &str) {
    use diesel::connection::SimpleConnection;
    use diesel::{Connection, PgConnection};
    let mut pg = PgConnection::establish(url).unwrap();
    pg.batch_execute(
        "UPDATE complaints SET first_response_at = created_at + ((abs(hashtext(id::text)) % 120) || ' hours')::interval
           WHERE state <> 'with_business';
         UPDATE complaints SET consent_to_publish = true,
           description = 'আমার বিকাশ নম্বর ০১৭১২৩৪৫৬৭৮ থেকে টাকা দিয়েছি, NID 1990123456789; mail me at a@b.com'
           WHERE abs(hashtext(id::text)) % 10 = 0;
         ANALYZE complaints;",
    )
    .unwrap();
}

/// Starts target/release/ccms on `url` (no worker, no dispatcher); the process and its port.
pub fn spawn_server(url: &str) -> (std::process::Child, u16) {
    spawn_server_with(url, &[])
}

/// The same, with more settings in its environment.
pub fn spawn_server_with(url: &str, settings: &[(&str, &str)]) -> (std::process::Child, u16) {
    let binary = std::env::current_exe().unwrap().with_file_name("ccms");
    assert!(
        binary.exists(),
        "build the server first: cargo build --release --bin ccms"
    );
    let mut server = Command::new(&binary)
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("CCMS_BIND", "127.0.0.1:0")
        .env("CCMS_WORKER_INTERVAL_SECS", "0")
        .env("CCMS_DISPATCH_INTERVAL_SECS", "0")
        .env("CCMS_DEMO_DATA", "false")
        .env("RUST_LOG", "info")
        .envs(settings.iter().copied())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines
            .next()
            .expect("the server stopped before listening")
            .unwrap();
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let address = rest.split('/').next().unwrap_or_default();
            break address.rsplit(':').next().unwrap().parse::<u16>().unwrap();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    (server, port)
}

pub async fn export(url: &str) {
    let (mut server, port) = spawn_server(url);
    let pid = server.id();
    let (idle, _) = memory_mib(pid);
    let started = Instant::now();
    let response = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/api/v1/public/complaints"))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (mut bytes, mut rows, mut highest) = (0_u64, 0_u64, 0_f64);
    let mut last_sample = Instant::now();
    let mut response = response;
    while let Some(chunk) = response.chunk().await.unwrap() {
        bytes += chunk.len() as u64;
        rows += chunk.iter().filter(|b| **b == b'\n').count() as u64;
        if last_sample.elapsed() > Duration::from_millis(100) {
            highest = highest.max(memory_mib(pid).0);
            last_sample = Instant::now();
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let (rss, peak) = memory_mib(pid);
    println!(
        "CSV export: {} rows, {:.1} MB in {elapsed:.1} s ({:.0} rows/s); server resident memory: {idle:.0} MiB idle, {highest:.0} MiB highest sample, {rss:.0} MiB after, peak (VmHWM) {peak:.0} MiB",
        rows.saturating_sub(1),
        bytes as f64 / 1_000_000.0,
        rows as f64 / elapsed,
    );
    let _ = server.kill();
    let _ = server.wait();
}
