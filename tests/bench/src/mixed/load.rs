//! The mix over HTTP: kept at 16 in flight (closed), or started at a fixed rate (open).
//! Transitions act on the cases the run's intakes filed, each acknowledged once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use super::report::Sample;
use super::{Party, TRANSITION, kind_of};

/// Cases filed during the run, with the party whose agent answers them: what transitions act on.
pub type Filed = std::sync::Mutex<Vec<(uuid::Uuid, usize)>>;

/// The `n`-th request of the mix, and its kind: a transition with no case filed yet to act on
/// is sent as a consumer's read instead.
fn next(
    client: &reqwest::Client,
    base: &str,
    (parties, filed): (&[Party], &Filed),
    run: &str,
    n: usize,
) -> (usize, reqwest::RequestBuilder) {
    let kind = kind_of(n);
    if kind == TRANSITION
        && let Some((case, owner)) = filed.lock().ok().and_then(|mut f| f.pop())
    {
        let request = client
            .post(format!("{base}/complaints/{case}/actions"))
            .bearer_auth(&parties[owner].agent)
            .header("if-match", "\"1\"")
            .json(&json!({ "action": "acknowledge" }));
        return (kind, request);
    }
    let kind = if kind == TRANSITION { 0 } else { kind };
    let party = &parties[n % parties.len()];
    (kind, request(client, base, party, run, n, kind))
}

/// Sends it; a filed case is kept for a later transition.
async fn send_noting(
    (kind, request): (usize, reqwest::RequestBuilder),
    filed: &Filed,
    owner: usize,
) -> u16 {
    let Ok(response) = request.send().await else {
        return 0;
    };
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap_or_default();
    if kind == 3 && status == 201 {
        let id = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["id"].as_str().and_then(|id| id.parse().ok()));
        if let (Some(id), Ok(mut filed)) = (id, filed.lock()) {
            filed.push((id, owner));
        }
    }
    status
}

/// The request of kind `kind` for `party`.
fn request(
    client: &reqwest::Client,
    base: &str,
    party: &Party,
    run: &str,
    n: usize,
    kind: usize,
) -> reqwest::RequestBuilder {
    let (case, business) = (party.case.id, party.case.business_id);
    match kind {
        0 => client.get(format!("{base}/complaints/{case}")).bearer_auth(&party.consumer),
        1 => client.get(format!("{base}/complaints?limit=20")).bearer_auth(&party.agent),
        2 => client.get(format!("{base}/public/scorecards/{business}?from=2026-11&to=2026-11")),
        3 => client
            .post(format!("{base}/complaints"))
            .bearer_auth(&party.partner)
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
            .bearer_auth(&party.agent)
            .json(&json!({ "text": "We are looking into it." })),
    }
}

/// 16 requests in flight until `duration` has passed.
pub async fn closed(base: &str, parties: Vec<Party>, run: &str, duration: Duration) -> Vec<Sample> {
    let (client, parties, counter) = (
        reqwest::Client::new(),
        Arc::new(parties),
        Arc::new(AtomicUsize::new(0)),
    );
    let filed = Arc::new(Filed::default());
    let start = Instant::now();
    let deadline = start + duration;
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, base, parties, counter, run, filed) = (
                client.clone(),
                base.to_owned(),
                parties.clone(),
                counter.clone(),
                run.to_owned(),
                filed.clone(),
            );
            actix_web::rt::spawn(async move {
                let mut seen = Vec::new();
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let sent = Instant::now();
                    let (kind, request) = next(&client, &base, (&parties, &filed), &run, n);
                    let owner = n % parties.len();
                    let status = send_noting((kind, request), &filed, owner).await;
                    seen.push((kind, sent.elapsed(), status, sent - start));
                }
                seen
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all
}

/// `rate` requests started each second for `duration`, each timed from when it was due (so a
/// slow answer delays no later request's clock).
pub async fn open(
    base: &str,
    parties: Vec<Party>,
    run: &str,
    duration: Duration,
    rate: u32,
) -> Vec<Sample> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let (parties, filed) = (Arc::new(parties), Arc::new(Filed::default()));
    let every = Duration::from_secs_f64(1.0 / f64::from(rate.max(1)));
    let started = tokio::time::Instant::now();
    let mut tasks = Vec::new();
    for n in 0.. {
        let due = started + every * u32::try_from(n).unwrap();
        if due.duration_since(started) >= duration {
            break;
        }
        tokio::time::sleep_until(due).await;
        let (client, base, parties, run, filed) = (
            client.clone(),
            base.to_owned(),
            parties.clone(),
            run.to_owned(),
            filed.clone(),
        );
        tasks.push(actix_web::rt::spawn(async move {
            // How late this generator itself starts the request: on cores it shares with the
            // server, part of every answer's time is the generator's own.
            let late = due.elapsed();
            let (kind, request) = next(&client, &base, (&parties, &filed), &run, n);
            let status = send_noting((kind, request), &filed, n % parties.len()).await;
            ((kind, due.elapsed(), status, due - started), late)
        }));
    }
    let mut all = Vec::with_capacity(tasks.len());
    let mut lateness = Vec::with_capacity(tasks.len());
    for task in tasks {
        let (sample, late) = task.await.unwrap();
        all.push(sample);
        lateness.push(late);
    }
    lateness.sort_unstable();
    let at = |p: f64| lateness[((lateness.len() as f64 - 1.0) * p).round() as usize];
    if !lateness.is_empty() {
        println!(
            "the generator started requests late by p50 {:.2} ms, p99 {:.2} ms (counted in every answer's time)",
            at(0.5).as_secs_f64() * 1000.0,
            at(0.99).as_secs_f64() * 1000.0
        );
    }
    all
}
