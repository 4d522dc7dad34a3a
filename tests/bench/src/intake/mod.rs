//! `ccms-bench URL CASES INTAKES intake [reuse]`: intake at the database's limit. In one run on
//! one database server: PostgreSQL's ceiling (a bare four-INSERT transaction, simple protocol,
//! 16 threads), then INTAKES consumer intakes and INTAKES partner intakes (each with its own
//! `Idempotency-Key`) over HTTP at 16 in flight against a `ccms serve` process
//! (target/release/ccms); each rate, the ratios, the commits and statements PostgreSQL counted
//! per intake, and the server's peak memory.

mod bare;
mod counts;

use std::time::Duration;

use ccms_api::auth::{Claims, TokenKeys};
use ccms_domain::access::Role;
use diesel::prelude::*;
use serde_json::json;
use uuid::Uuid;

use crate::export::{memory_mib, spawn_server_with};

const IN_FLIGHT: usize = 16;

#[derive(QueryableByName, Clone)]
struct Party {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    consumer_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    business_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Text)]
    phone: String,
}

/// Who files in this run: every seeded consumer (up to 2000), each against a business of one
/// of their cases, and a partner client per business (as many marketplaces, each with its own
/// rate limit). Each consumer files a few times a run, as people do: one consumer's filings
/// take turns on their account row, so a run of a handful of consumers would measure that.
fn parties(pg: &mut PgConnection) -> Vec<Party> {
    diesel::sql_query(
        "SELECT a.id AS consumer_id, a.phone, \
           (SELECT c.business_id FROM complaints c WHERE c.consumer_id = a.id LIMIT 1) AS business_id \
         FROM accounts a WHERE a.role = 'consumer' AND a.phone IS NOT NULL \
           AND EXISTS (SELECT 1 FROM complaints c WHERE c.consumer_id = a.id) LIMIT 2000",
    )
    .load(pg)
    .unwrap()
}

pub async fn intake(admin_url: &str, url: &str, intakes: usize) {
    let database = url.rsplit('/').next().unwrap().to_owned();
    let mut admin = PgConnection::establish(admin_url).unwrap();
    let mut pg = PgConnection::establish(url).unwrap();
    diesel::connection::SimpleConnection::batch_execute(&mut pg, "VACUUM ANALYZE").unwrap();
    let parties = parties(&mut pg);
    let load = std::process::Command::new("cat")
        .arg("/proc/loadavg")
        .output()
        .unwrap();
    println!(
        "machine load before: {}",
        String::from_utf8_lossy(&load.stdout).trim()
    );

    let ceiling = bare::ceiling(url, IN_FLIGHT, Duration::from_secs(10));
    println!("bare 4-INSERT transaction, simple protocol, 16 threads: {ceiling:>8.0}/s");

    // Every request admitted (the default bound, 8 on two cores, would turn some of 16 away):
    // this measures the work per intake, not admission.
    let (mut server, port) = spawn_server_with(url, &[("CCMS_MAX_IN_FLIGHT", "32")]);
    let base = format!("http://127.0.0.1:{port}/api/v1/complaints");
    let run = Uuid::now_v7().simple().to_string();
    let client = reqwest::Client::new();
    let keys = TokenKeys::hs256(ccms_api::settings::DEVELOPMENT_SECRET).unwrap();
    let sign = |sub: String, role: Role, business: Option<Uuid>| {
        let claims = Claims::new(sub, role, chrono::Utc::now(), chrono::Duration::hours(2));
        keys.sign(&Claims {
            business_id: business,
            ..claims
        })
        .unwrap()
    };
    let consumer = |n: usize| {
        let p = &parties[n % parties.len()];
        let token = sign(p.consumer_id.to_string(), Role::Consumer, None);
        client
            .post(&base)
            .bearer_auth(token)
            .json(&body(p, None, &format!("C{run}"), n))
    };
    let partner = |n: usize| {
        let p = &parties[n % parties.len()];
        let token = sign(
            format!("bench-partner-{}", n % 200),
            Role::Partner,
            Some(p.business_id),
        );
        client
            .post(&base)
            .bearer_auth(token)
            .header("idempotency-key", format!("intake-{run}-{n}"))
            .json(&body(p, Some(&p.phone), &format!("P{run}"), n))
    };
    // Warm: connections opened, policy and calendar read, statements prepared.
    send((0..200).map(|n| consumer(1_000_000 + n)).collect()).await;
    send((0..200).map(|n| partner(1_000_000 + n)).collect()).await;

    let consumers = measured(
        &mut admin,
        &database,
        intakes,
        send((0..intakes).map(consumer).collect()),
    )
    .await;
    let partners = measured(
        &mut admin,
        &database,
        intakes,
        send((0..intakes).map(partner).collect()),
    )
    .await;
    // An official's audited list page (one audit entry per page), 16 in flight.
    let coordinator = sign("bench-coordinator".into(), Role::Coordinator, None);
    let pages = (0..2000)
        .map(|_| {
            client
                .get(format!("{base}?limit=20"))
                .bearer_auth(&coordinator)
        })
        .collect();
    let (mut pages, elapsed) = crate::load(pages, IN_FLIGHT, 200).await;
    pages.sort_unstable();
    let at = |p: f64| pages[((pages.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    let list = format!(
        "{:.0}/s, p50 {:.1} ms, p99 {:.1} ms",
        pages.len() as f64 / elapsed.as_secs_f64(),
        at(0.5),
        at(0.99)
    );
    let (_, peak) = memory_mib(server.id());
    let _ = server.kill();
    let _ = server.wait();

    println!("\n| what | rate | of the bare rate | commits per intake | statements per intake |");
    println!("|---|---|---|---|---|");
    println!("| bare 4-INSERT transaction (simple protocol) | {ceiling:.0}/s | 1.00 | 1 | 6 |");
    for (name, m) in [
        ("consumer intake over HTTP", &consumers),
        ("partner intake with Idempotency-Key", &partners),
    ] {
        println!(
            "| {name} | {:.0}/s (p50 {:.1} ms, p99 {:.1} ms) | {:.2} | {:.2} | {} |",
            m.rate,
            m.p50,
            m.p99,
            m.rate / ceiling,
            m.commits,
            m.statements
                .map_or("n/a (load pg_stat_statements)".into(), |s| format!(
                    "{s:.2}"
                ))
        );
    }
    println!(
        "partner intake reaches {:.0}% of the consumer intake's rate",
        100.0 * partners.rate / consumers.rate
    );
    println!("coordinator's audited list page (20 cases), 16 in flight: {list}");
    println!("server peak resident memory (VmHWM): {peak:.0} MiB");
}

/// One complaint's body; a partner names its customer's phone.
fn body(p: &Party, phone: Option<&str>, run: &str, n: usize) -> serde_json::Value {
    let mut body = json!({
        "business_id": p.business_id, "category": "late_delivery", "subject": "Parcel is late",
        "description": "Ordered two weeks ago and still not delivered to my address.",
        "order_reference": format!("INTAKE-{}{}-{n}", &run[..1], &run[17..]),
        "incident_date": chrono::Utc::now().date_naive().to_string(),
        "amount_paid": 250000, "amount_claimed": 250000, "payment_method": "cod", "desired_remedy": "delivery",
    });
    if let Some(phone) = phone {
        body["consumer_phone"] = json!(phone);
    }
    body
}

/// Sends every request, 16 in flight; each must answer 201. Latencies in order of answer.
async fn send(requests: Vec<reqwest::RequestBuilder>) -> (Vec<Duration>, Duration) {
    crate::load(requests, IN_FLIGHT, 201).await
}

struct Measured {
    rate: f64,
    p50: f64,
    p99: f64,
    commits: f64,
    statements: Option<f64>,
}

/// Runs `load` between two readings of PostgreSQL's counters and prints the statements sent.
async fn measured(
    admin: &mut PgConnection,
    database: &str,
    intakes: usize,
    load: impl std::future::Future<Output = (Vec<Duration>, Duration)>,
) -> Measured {
    let before = counts::read(admin, database);
    let counting = counts::reset_statements(admin);
    let (mut latencies, elapsed) = load.await;
    let after = counts::read(admin, database);
    latencies.sort_unstable();
    let at = |p: f64| latencies[((latencies.len() - 1) as f64 * p) as usize].as_secs_f64() * 1000.0;
    let statements = counting
        .then(|| counts::statements_per(admin, database, intakes))
        .flatten();
    if let Some(statements) = &statements {
        println!("statements per intake, as PostgreSQL counted them:");
        for s in statements.iter().filter(|s| s.calls >= 0.01) {
            println!("  {:>5.2}  {}", s.calls, s.query);
        }
    }
    Measured {
        rate: intakes as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
        commits: counts::commits_per(&before, &after, intakes),
        statements: statements.map(|s| s.iter().map(|s| s.calls).sum()),
    }
}
