//! What a mixed run prints: each kind's rate and p50/p99, and all together.

use std::time::Duration;

use super::KINDS;

/// One answered request: its kind, how long it took, its status (0 when none came), and
/// when it was due, from the run's start.
pub type Sample = (usize, Duration, u16, Duration);

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

/// Prints the run's table and answers its overall rate.
pub fn print(title: &str, samples: &[Sample], elapsed: f64) -> f64 {
    let rate = samples.len() as f64 / elapsed;
    println!(
        "{title}, {elapsed:.0} s: {} requests, {rate:.0}/s",
        samples.len()
    );
    let mut overall: Vec<Duration> = samples.iter().map(|s| s.1).collect();
    overall.sort_unstable();
    let failed = |k: Option<usize>| {
        samples
            .iter()
            .filter(|s| k.is_none_or(|k| s.0 == k) && !(200..300).contains(&s.2))
            .count()
    };
    println!(
        "{:<40} {:>6} ({rate:>5.0}/s)  p50 {:>7.2} ms  p99 {:>7.2} ms  not 2xx: {}",
        "all",
        samples.len(),
        percentile(&overall, 0.5),
        percentile(&overall, 0.99),
        failed(None)
    );
    // Under overload what matters is what was served, and how fast the rest were turned away.
    let by_status = |keep: &dyn Fn(u16) -> bool| {
        let mut mine: Vec<Duration> = samples.iter().filter(|s| keep(s.2)).map(|s| s.1).collect();
        mine.sort_unstable();
        mine
    };
    for (name, mine) in [
        ("2xx", by_status(&|status| (200..300).contains(&status))),
        ("503 (turned away)", by_status(&|status| status == 503)),
    ] {
        if !mine.is_empty() {
            println!(
                "{:<40} {:>6} ({:>5.0}/s)  p50 {:>7.2} ms  p99 {:>7.2} ms",
                format!("  answered {name}"),
                mine.len(),
                mine.len() as f64 / elapsed,
                percentile(&mine, 0.5),
                percentile(&mine, 0.99),
            );
        }
    }
    for (k, name) in KINDS.iter().enumerate() {
        let mut mine: Vec<Duration> = samples.iter().filter(|s| s.0 == k).map(|s| s.1).collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_unstable();
        println!(
            "{name:<40} {:>6} ({:>5.0}/s)  p50 {:>7.2} ms  p99 {:>7.2} ms  not 2xx: {}",
            mine.len(),
            mine.len() as f64 / elapsed,
            percentile(&mine, 0.5),
            percentile(&mine, 0.99),
            failed(Some(k))
        );
    }
    rate
}

/// p99 of each ten seconds of the run: whether the tail is the start or steady.
pub fn print_windows(samples: &[Sample]) {
    let last = samples
        .iter()
        .map(|s| s.3.as_secs() / 10)
        .max()
        .unwrap_or(0);
    let line: Vec<String> = (0..=last)
        .filter_map(|w| {
            let mut mine: Vec<Duration> = samples
                .iter()
                .filter(|s| s.3.as_secs() / 10 == w)
                .map(|s| s.1)
                .collect();
            mine.sort_unstable();
            (!mine.is_empty()).then(|| {
                format!(
                    "{}-{} s {:.1}",
                    w * 10,
                    w * 10 + 10,
                    percentile(&mine, 0.99)
                )
            })
        })
        .collect();
    println!("p99 (ms) by ten seconds: {}", line.join(", "));
}
