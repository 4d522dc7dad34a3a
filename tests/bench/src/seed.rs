//! Seeding and the direct-to-database baseline for `ccms-bench`.

use std::time::{Duration, Instant};

use ccms_domain::complaint::routing::{DEFAULT_POLICY_JSON, RoutingPolicy};
use ccms_domain::complaint::{
    Category, Channel, Complaint, Filing, PaymentMethod, Poisha, Remedy, State,
};
use ccms_domain::registry::{
    AgencyCode, AgencyKind, BusinessKind, BusinessStatus, Contact, NewAgency, NewBusiness,
};
use ccms_domain::text::{Line, Name};
use ccms_persistence::audit::{self, AuditEntry};
use ccms_persistence::complaints::events::{self, Event};
use ccms_persistence::complaints::{self, next_tracking_number};
use ccms_persistence::identity::accounts;
use ccms_persistence::registry::{agencies, businesses};
use ccms_persistence::{Store, StoreError, StoreSettings};
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, RunQueryDsl};
use uuid::Uuid;

pub struct Seeded {
    pub url: String,
    pub database: String,
    pub consumers: Vec<Uuid>,
    pub sample_ids: Vec<Uuid>,
    pub business_id: Uuid,
}

#[derive(diesel::QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

fn store(url: &str, size: u32) -> Store {
    Store::new(&StoreSettings {
        url: url.into(),
        max_connections: size,
        connect_timeout: Duration::from_secs(10),
    })
    .unwrap()
}

/// Version 2 of the policy lets each consumer file a thousand complaints a day: the intake
/// benches file many cases for each of a few hundred consumers, which measures the service, not
/// the shipped limits (10 a day, 3 against one business).
fn allow_bench_filings(store: &Store, now: chrono::DateTime<chrono::Utc>) {
    use ccms_persistence::policy::{self, Publication};
    let by = Publication {
        published_at: now,
        published_by: "ccms-bench".into(),
    };
    store
        .transaction(|conn| {
            let (mut next, _) = policy::find(conn, 1)?;
            next.version = 2;
            next.filing_limits = ccms_domain::complaint::limits::FilingLimits {
                per_consumer_per_day: 1000,
                per_business_per_day: 1000,
                source: "ccms-bench: load, not consumers".into(),
            };
            policy::publish(conn, &next, &by)
        })
        .unwrap();
}

/// A fresh `ccms_bench` database with `cases` complaints over 100 businesses and 1000 consumers.
pub fn seed(server: &str, cases: i64) -> Seeded {
    let database = "ccms_bench".to_owned();
    let mut admin = PgConnection::establish(server).unwrap();
    diesel::sql_query(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        .execute(&mut admin)
        .unwrap();
    diesel::sql_query(format!("CREATE DATABASE {database}"))
        .execute(&mut admin)
        .unwrap();
    let url = format!("{}/{database}", server.rsplit_once('/').unwrap().0);
    let store = store(&url, 2);
    store.migrate().unwrap();
    let now = chrono::Utc::now();
    ccms_api::policy::publish_shipped(&store, now).unwrap();
    allow_bench_filings(&store, now);
    let business_id = store
        .transaction(|conn| {
            for (code, kind) in [
                ("DNCRP", AgencyKind::Directorate),
                ("BB", AgencyKind::Regulator),
            ] {
                let agency = NewAgency {
                    code: AgencyCode::parse(code).unwrap(),
                    name_en: Name::parse(code).unwrap(),
                    name_bn: Name::parse(code).unwrap(),
                    kind,
                    contact_email: None,
                    active: true,
                };
                agencies::create(conn, &agency, now)?;
            }
            let mut first = None;
            for n in 0..100 {
                let business = NewBusiness {
                    legal_name: Name::parse(&format!("Bench Shop {n}")).unwrap(),
                    trade_names: vec![],
                    web_domains: vec![],
                    dbid: None,
                    trade_licence: None,
                    kind: BusinessKind::Shop,
                    parent_id: None,
                    status: BusinessStatus::Active,
                    contact: Contact::default(),
                };
                first.get_or_insert(businesses::create(conn, &business, now)?.id);
            }
            Ok::<_, StoreError>(first.unwrap())
        })
        .unwrap();
    let mut pg = PgConnection::establish(&url).unwrap();
    pg.batch_execute(&format!(
        "INSERT INTO accounts (id, role, phone, business_admin, disabled, created_at, updated_at)
         SELECT gen_random_uuid(), 'consumer', '+88017' || lpad(g::text, 8, '0'), false, false, now(), now()
         FROM generate_series(1, 1000) g;
         CREATE TEMP TABLE bench_consumers AS SELECT id, row_number() OVER () AS n FROM accounts WHERE role = 'consumer';
         CREATE TEMP TABLE bench_businesses AS SELECT id, row_number() OVER () AS n FROM businesses;
         INSERT INTO complaints
         SELECT gen_random_uuid(), 'CCMS-2026-' || lpad(g::text, greatest(6, length(g::text)), '0'), c.id, '+88017' || lpad(c.n::text, 8, '0'), b.id, NULL,
                'app', (ARRAY['non_delivery','late_delivery','wrong_item','defective_item','counterfeit_item','refund_not_paid',
                              'overcharging','offer_not_honoured','misleading_advertisement','payment_problem',
                              'prohibited_product','data_misuse','other'])[1 + g % 13],
                'Seeded complaint', 'A seeded complaint for measuring the service at scale.', 'ORD-' || g, NULL,
                current_date - (g % 28), 100000 + g, 100000 + g, 'bkash', 'refund', NULL, false,
                '{{\"policy_version\":1,\"rule\":\"business-first\",\"first_handler\":\"business\",\"escalation_agency\":\"DNCRP\",\"referrals\":[],\"priority\":\"normal\"}}',
                'DNCRP',
                (ARRAY['with_business','with_business','awaiting_consumer','escalated','under_investigation','closed','withdrawn'])[1 + g % 7],
                false, NULL, NULL, NULL, NULL, 1, now() - g * interval '1 second', now(), '[]', NULL
         FROM generate_series(1, {cases}) g
         JOIN bench_consumers c ON c.n = 1 + g % 1000
         JOIN bench_businesses b ON b.n = 1 + g % 100;
         UPDATE complaints SET escalated_at = created_at WHERE state IN ('escalated', 'under_investigation');
         INSERT INTO complaint_agencies SELECT id, 'DNCRP', 'escalation' FROM complaints;
         INSERT INTO tracking_counters VALUES (2026, {cases});
         ANALYZE;"
    ))
    .unwrap();
    let consumers = diesel::sql_query("SELECT id FROM accounts WHERE role = 'consumer' LIMIT 200")
        .load::<IdRow>(&mut pg)
        .unwrap();
    let sample = diesel::sql_query("SELECT id FROM complaints TABLESAMPLE SYSTEM (1) LIMIT 2000")
        .load::<IdRow>(&mut pg)
        .unwrap();
    Seeded {
        url,
        database,
        consumers: consumers.into_iter().map(|r| r.id).collect(),
        sample_ids: sample.into_iter().map(|r| r.id).collect(),
        business_id,
    }
}

/// The statements one intake runs, in one transaction, without HTTP: `count` of them over
/// `concurrency` threads.
pub fn direct_intakes(
    url: &str,
    consumers: &[Uuid],
    business_id: Uuid,
    count: usize,
    concurrency: usize,
) -> (usize, Duration) {
    let store = store(url, u32::try_from(concurrency).unwrap());
    let policy: RoutingPolicy = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
    let started = Instant::now();
    std::thread::scope(|scope| {
        for worker in 0..concurrency {
            let (store, policy) = (store.clone(), policy.clone());
            scope.spawn(move || {
                for i in (worker..count).step_by(concurrency) {
                    let consumer_id = consumers[i % consumers.len()];
                    store
                        .transaction(|conn| intake(conn, &policy, consumer_id, business_id, i))
                        .unwrap();
                }
            });
        }
    });
    (count, started.elapsed())
}

/// A case just filed and forwarded to its business, as the benches write it.
pub fn with_business(
    filing: Filing,
    policy: &RoutingPolicy,
    tracking_number: ccms_domain::complaint::TrackingNumber,
    (consumer_id, consumer_phone): (Uuid, ccms_domain::contact::PhoneNumber),
    pushed_by: Option<String>,
) -> Complaint {
    let now = chrono::Utc::now();
    Complaint {
        id: Uuid::now_v7(),
        tracking_number,
        consumer_id,
        consumer_phone,
        pushed_by,
        filed_by: None,
        routed_at: Some(now),
        routing: policy.route(filing.category).unwrap(),
        filing,
        state: State::WithBusiness,
        waiting_on_consumer: false,
        outcome: None,
        closed_at: None,
        escalated_at: None,
        first_response_at: None,
        reopened_at: None,
        info_requests: 0,
        clocks: Default::default(),
        assigned_officer: None,
        remedy_failing: false,
        merged_into: None,
        possible_duplicate_of: None,
        erased_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

fn intake(
    conn: &mut ccms_persistence::DbConnection,
    policy: &RoutingPolicy,
    consumer_id: Uuid,
    business_id: Uuid,
    i: usize,
) -> Result<(), StoreError> {
    let now = chrono::Utc::now();
    businesses::find(conn, business_id)?;
    let consumer = accounts::find(conn, consumer_id)?;
    let order = format!("BENCH-SQL-{i}");
    complaints::find_open_duplicate(conn, consumer_id, business_id, &order)?;
    let tracking_number = next_tracking_number(conn, 2026)?;
    let filing = Filing {
        business_id,
        channel: Channel::App,
        category: Category::LateDelivery,
        subject: Line::parse("Parcel is late").unwrap(),
        description: Line::parse("Ordered two weeks ago and still not delivered to my address.")
            .unwrap(),
        order_reference: Some(Line::parse(&order).unwrap()),
        order_date: None,
        incident_date: now.date_naive(),
        amount_paid: Poisha::new(250_000).unwrap(),
        amount_claimed: Poisha::new(250_000).unwrap(),
        payment_method: PaymentMethod::Cod,
        desired_remedy: Remedy::Delivery,
        contacted_business_on: None,
        consent_to_publish: false,
    };
    let complaint = with_business(
        filing,
        policy,
        tracking_number,
        (consumer_id, consumer.phone.unwrap()),
        None,
    );
    let stored = complaints::insert(conn, &complaint)?;
    for kind in ["filed", "routed", "transition"] {
        let event = Event {
            seq: 0,
            complaint_id: stored.id,
            at: now,
            actor: consumer_id.to_string(),
            role: "consumer".into(),
            kind: kind.into(),
            action: None,
            from_state: None,
            to_state: None,
            staff_only: false,
            detail: serde_json::json!({}),
        };
        events::append(conn, event)?;
    }
    audit::record(
        conn,
        AuditEntry {
            at: now,
            actor: consumer_id.to_string(),
            role: "consumer".into(),
            action: "complaint.file",
            target_type: "complaint",
            target_id: stored.id.to_string(),
            request_id: None,
            detail: serde_json::json!({}),
        },
    )
}

/// Makes `count` open cases due now: their business-action clock ran out an hour ago.
pub fn make_due(url: &str, count: i64) {
    let mut pg = PgConnection::establish(url).unwrap();
    pg.batch_execute(&format!(
        "WITH due AS (SELECT id FROM complaints WHERE state = 'with_business' LIMIT {count})
         UPDATE complaints SET
           clocks = jsonb_build_array(jsonb_build_object('kind', 'business_action',
             'started_at', to_char((now() - interval '73 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
             'deadline', to_char((now() - interval '1 hour') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
             'remaining_secs', NULL)),
           due_at = now() - interval '1 hour', wake_at = now() - interval '1 hour'
         WHERE id IN (SELECT id FROM due);
         ANALYZE complaints;"
    ))
    .unwrap();
}
