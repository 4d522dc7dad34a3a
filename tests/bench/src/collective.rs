//! `collective` mode: a marketplace collapsing among a million cases. Seeds a business with
//! 10,000 fresh escalated cases and every case's search words (from Bangla and English
//! narratives with Bangla digits and joiners, folded by the domain), then times: two workers
//! sweeping at once (the surge must start once), a matter taking all 10,000 cases, one
//! decision of all of them (time and this process's memory), the payout file streamed over
//! HTTP, the gateway's report of 10,000 lines imported twice (the second changes nothing), and
//! searches at 8 in flight (a Bangla word, a phone number).

use std::sync::Arc;
use std::time::{Duration, Instant};

use ccms_api::auth::Claims;
use ccms_api::clock::SystemClock;
use ccms_api::{Application, Settings};
use ccms_domain::access::Role;
use ccms_domain::collective::{MatterDecision, RefundBasis};
use ccms_domain::complaint::{CaseCaller, Decision, Poisha};
use ccms_domain::search::Words;
use ccms_persistence::{Store, StoreSettings};
use ccms_usecases::Actor;
use ccms_usecases::books::{Books, CalendarBook, PolicyBook};
use ccms_usecases::collective::{deciding, joining, matters};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use reqwest::Method;
use uuid::Uuid;

use crate::{load, peak_rss_mib, report};

/// Narratives the seeded cases' words come from: each case takes one, by its number.
const NARRATIVES: &[&str] = &[
    "ইভ্যালি পণ্য দেয়নি, অর্ডার ৪৫৬৭ এর টাকা ফেরত চাই। বিকাশে পেমেন্ট করেছি।",
    "মোবাইল অর্ডার করেছি, ডেলিভারি হয়নি। নগদে ১২০০০ টাকা দিয়েছি।",
    "ভুল প্রো\u{200C}ডাক্ট পাঠিয়েছে, ফেরত দিতে চাইলে সাড়া দে\u{09AF}\u{09BC}নি।",
    "Refund not received for order 4567, paid by bKash two weeks ago.",
    "কুরিয়ার বলছে পার্সেল হারিয়ে গেছে, রিফান্ড দিচ্ছে না।",
    "Fake product delivered, seller does not answer the phone.",
    "হঠাৎ অর্ডার বাতিল করেছে কিন্তু টাকা ফেরত দেয়নি।",
    "Voucher offer not honoured, charged full price at checkout.",
];

const DECIDED_CASES: i64 = 10_000;

fn store(url: &str, size: u32) -> Store {
    Store::new(&StoreSettings {
        url: url.into(),
        max_connections: size,
        connect_timeout: Duration::from_secs(10),
    })
    .unwrap()
}

/// The collapsing marketplace, its 10,000 escalated cases from the last three days, a DNCRP
/// officer for its matter, every case's search words, and a surge rule only it meets.
fn seed_collapse(url: &str) -> (Uuid, Uuid) {
    let mut pg = PgConnection::establish(url).unwrap();
    let (business, officer) = (Uuid::now_v7(), Uuid::now_v7());
    let words: Vec<String> = NARRATIVES
        .iter()
        .map(|n| format!("'{}'", Words::of([*n]).joined()))
        .collect();
    let words = words.join(",");
    let count = NARRATIVES.len();
    pg.batch_execute(&format!(
        "INSERT INTO businesses (id, legal_name, trade_names, kind, status, search_text, version, created_at, updated_at)
           VALUES ('{business}', 'Collapsing Marketplace Ltd', '[]', 'marketplace', 'active', 'collapsing marketplace', 1, now(), now());
         INSERT INTO accounts (id, role, email, display_name, agency_code, business_admin, disabled, created_at, updated_at)
           VALUES ('{officer}', 'officer', 'matter.officer@dncrp.bench', 'Matter Officer', 'DNCRP', false, false, now(), now());
         INSERT INTO complaints
         SELECT gen_random_uuid(), 'CCMS-2025-' || lpad(g::text, 6, '0'), c.id, c.phone, '{business}', NULL,
                'app', 'non_delivery', 'Paid, never delivered', 'Seeded collapse case.', 'COL-' || g, NULL,
                current_date - 2, 100000 + g, 100000 + g,
                (ARRAY['bkash','nagad','rocket','card'])[1 + g % 4], 'refund', NULL, false,
                '{{\"policy_version\":1,\"rule\":\"business-first\",\"first_handler\":\"business\",\"escalation_agency\":\"DNCRP\",\"referrals\":[],\"priority\":\"normal\"}}',
                'DNCRP', 'escalated', false, NULL, NULL, now() - g * interval '20 seconds', NULL, 1,
                now() - g * interval '20 seconds', now(), '[]', NULL
         FROM generate_series(1, {DECIDED_CASES}) g
         JOIN (SELECT id, phone, row_number() OVER (ORDER BY id) AS n FROM accounts WHERE role = 'consumer') c
           ON c.n = 1 + g % 1000;
         INSERT INTO complaint_agencies SELECT id, 'DNCRP', 'escalation' FROM complaints WHERE business_id = '{business}';
         DELETE FROM complaint_search;
         INSERT INTO complaint_search (complaint_id, words)
         SELECT id, (ARRAY[{words}])[1 + (abs(hashtext(id::text)) % {count})] || ' ' || replace(lower(order_reference), '-', ' ')
         FROM complaints;
         ANALYZE;"
    ))
    .unwrap();
    (business, officer)
}

/// With `reuse`, only the searches again, on the database a previous run seeded.
pub async fn collective(url: &str, reuse: bool) {
    if reuse {
        let (base, coordinator) = serve(url).await;
        return searches(&base, &coordinator).await;
    }
    let store = store(url, 4);
    store.migrate().unwrap();
    let started = Instant::now();
    let (business, officer) = seed_collapse(url);
    println!(
        "seeded the collapse and 1M cases' search words in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (policies, calendars) = (PolicyBook::default(), CalendarBook::default());
    let file: ccms_domain::calendar::HolidayFile =
        serde_json::from_str(ccms_domain::calendar::HOLIDAYS_JSON).unwrap();
    ccms_api::calendar::publish_first(&store, &file, chrono::Utc::now()).unwrap();
    surge_rule(&store);

    // The surge: two workers sweep at once.
    let now = chrono::Utc::now();
    let started = Instant::now();
    let started_surges: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let worker = ccms_api::worker::DeadlineWorker::new(
                    store.clone(),
                    Arc::new(CalendarBook::default()),
                );
                scope.spawn(move || worker.sweep(now).unwrap().surges_started)
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    println!(
        "two sweeps at once: {started_surges} surge started in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let books = Books {
        policies: &policies,
        calendars: &calendars,
    };
    let coordinator = CaseCaller {
        role: Role::Coordinator,
        account_id: None,
        client_id: None,
        business_id: None,
        agency: None,
    };
    let actor = Actor {
        id: "bench-coordinator".into(),
        role: "coordinator".into(),
        request_id: None,
    };
    let opening = matters::Opening {
        business_id: business,
        title: ccms_domain::text::Line::parse("Collapse").unwrap(),
        officer_id: Some(officer),
        auto_join: false,
    };
    let matter = store
        .transaction(|conn| matters::open(conn, opening, &actor, chrono::Utc::now()))
        .unwrap();
    let started = Instant::now();
    let joined = store
        .transaction(|conn| {
            joining::add_all(
                conn,
                (matter.id, &Default::default()),
                (&coordinator, &actor),
                &books,
                chrono::Utc::now(),
            )
        })
        .unwrap();
    println!(
        "matter took {} cases ({} refused) in {:.2} s; peak memory {:.0} MiB",
        joined.added,
        joined.refused.len(),
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );

    let officer_caller = CaseCaller {
        role: Role::Officer,
        account_id: Some(officer),
        client_id: None,
        business_id: None,
        agency: Some("DNCRP".into()),
    };
    let officer_actor = Actor {
        id: officer.to_string(),
        role: "officer".into(),
        request_id: None,
    };
    let decision = MatterDecision {
        verdict: Decision::Upheld,
        refund: RefundBasis::AmountPaid,
        fine_per_case: Poisha::new(10_000).unwrap(),
    };
    let before = peak_rss_mib();
    let started = Instant::now();
    let decided = store
        .transaction(|conn| {
            let reasons = "Took payment for every order and delivered none.".to_owned();
            deciding::decide_all(
                conn,
                (matter.id, decision, reasons),
                (&officer_caller, &officer_actor),
                &books,
                chrono::Utc::now(),
            )
        })
        .unwrap();
    println!(
        "one decision: {} cases, {} poisha owed, in {:.2} s; peak memory {:.0} MiB (before {before:.0} MiB)",
        decided.cases_decided,
        decided.compensation_poisha,
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );

    over_http(url, matter.id).await;
}

/// 9,000 new cases in a week make a surge: the seeded shops draw about 6,000, the collapse 10,000.
fn surge_rule(store: &Store) {
    use ccms_persistence::policy::{self, Publication};
    let by = Publication {
        published_at: chrono::Utc::now(),
        published_by: "ccms-bench".into(),
    };
    store
        .transaction(|conn| {
            let number = policy::current_version(conn)?.unwrap_or(1);
            let (mut next, _) = policy::find(conn, number)?;
            next.version = number + 1;
            next.surge.cases = 9000;
            next.surge.days = 7;
            policy::publish(conn, &next, &by)
        })
        .unwrap();
}

/// The real application on `url`, and a coordinator's token for it.
async fn serve(url: &str) -> (String, String) {
    let settings = Settings {
        db_pool_size: 16,
        max_in_flight: Some(64),
        workers: Some(2),
        ..Settings::for_database(url.to_owned())
    };
    let app = Application::build_with_clock(settings, Arc::new(SystemClock))
        .await
        .unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run());
    let keys = ccms_api::auth::TokenKeys::hs256(ccms_api::settings::DEVELOPMENT_SECRET).unwrap();
    let claims = Claims::new(
        "bench",
        Role::Coordinator,
        chrono::Utc::now(),
        chrono::Duration::hours(2),
    );
    (base, keys.sign(&claims).unwrap())
}

async fn over_http(url: &str, matter: Uuid) {
    let (base, coordinator) = serve(url).await;
    let client = reqwest::Client::new();

    let before = peak_rss_mib();
    let started = Instant::now();
    let export = client
        .get(format!("{base}/api/v1/matters/{matter}/payouts"))
        .bearer_auth(&coordinator)
        .send()
        .await
        .unwrap();
    let text = export.text().await.unwrap();
    println!(
        "payout file: {} lines, {} bytes, in {:.2} s; peak memory {:.0} MiB (before {before:.0} MiB)",
        text.lines().count() - 1,
        text.len(),
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    let mut report = String::from("reference,amount_poisha,status,transaction,reason\n");
    for (i, line) in text.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        report.push_str(&format!("{},{},paid,GW-{i},\n", cells[5], cells[4]));
    }
    for round in ["first", "again"] {
        let started = Instant::now();
        let answer = client
            .post(format!(
                "{base}/api/v1/matters/{matter}/payouts/reconciliation"
            ))
            .bearer_auth(&coordinator)
            .header("content-type", "text/csv")
            .body(report.clone())
            .send()
            .await
            .unwrap();
        let status = answer.status();
        let body: serde_json::Value = answer.json().await.unwrap();
        println!(
            "reconciliation ({round}): {status} paid {} unchanged {} refused {} in {:.2} s",
            body["paid"],
            body["unchanged"],
            body["refused"].as_array().map_or(0, Vec::len),
            started.elapsed().as_secs_f64()
        );
    }

    searches(&base, &coordinator).await;
}

/// A Bangla word, Bangla digits, an order number and a phone, 2 000 searches each, 8 in flight.
async fn searches(base: &str, coordinator: &str) {
    let client = reqwest::Client::new();
    for (name, query) in [
        (
            "a Bangla word (ফেরত)",
            "q=%E0%A6%AB%E0%A7%87%E0%A6%B0%E0%A6%A4",
        ),
        (
            "a Bangla word and Bangla digits (অর্ডার ৪৫৬৭)",
            "q=%E0%A6%85%E0%A6%B0%E0%A7%8D%E0%A6%A1%E0%A6%BE%E0%A6%B0%20%E0%A7%AA%E0%A7%AB%E0%A7%AC%E0%A7%AD",
        ),
        ("an order number (COL-777)", "q=COL-777"),
        ("a phone number", "phone=01700000077"),
    ] {
        let requests = (0..2000)
            .map(|_| {
                client
                    .request(
                        Method::GET,
                        format!("{base}/api/v1/complaints?limit=20&{query}"),
                    )
                    .bearer_auth(coordinator)
            })
            .collect();
        let (latencies, elapsed) = load(requests, 8, 200).await;
        report_search(name, latencies, elapsed);
    }
}

fn report_search(name: &str, latencies: Vec<Duration>, elapsed: Duration) {
    report(&format!("search: {name}, 8 in flight"), latencies, elapsed);
}
