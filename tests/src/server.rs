//! The real application on port 0, and a small HTTP client around it.

use std::sync::Arc;

use ccms_api::auth::{Claims, TokenKeys};
use ccms_api::clock::Clock;
use ccms_api::clock::ManualClock;
use ccms_api::settings::DEVELOPMENT_SECRET;
use ccms_api::{Application, Settings};
use ccms_domain::access::Role;
use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::TestDatabase;

pub struct TestApp {
    pub base_url: String,
    pub clock: ManualClock,
    pub store: ccms_persistence::Store,
    /// The evidence store the server writes to (the same directory or bucket).
    pub evidence: ccms_api::evidence_store::EvidenceStore,
    policies: Arc<ccms_api::policy::PolicyBook>,
    client: reqwest::Client,
    keys: TokenKeys,
    handle: actix_web::dev::ServerHandle,
    // Last, so the server's pool is gone before the database is dropped.
    pub database: TestDatabase,
}

/// One HTTP answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem document with this status and code, and returns it.
    pub fn problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "body: {}",
            self.text
        );
        let body = self.json();
        assert_eq!(body["code"], code, "body: {}", self.text);
        assert_eq!(body["status"], status);
        body
    }
}

/// When tests start their clock: a fixed instant, so nothing depends on the real date.
pub fn test_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 4, 0, 0).unwrap()
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// Starts the application after `adjust` has changed its settings.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let _ = env_logger_init();
        TestApp::spawn_on(
            TestDatabase::create(),
            ManualClock::at(test_epoch()),
            adjust,
        )
        .await
    }

    /// Stops the server at once, without letting requests or workers finish (as a crash
    /// would), and starts a new one on the same database and clock.
    pub async fn crash_and_restart(self, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        self.handle.stop(false).await;
        TestApp::spawn_on(self.database, self.clock, adjust).await
    }

    /// A server on a database another process has used (one killed, say), at `clock`.
    pub async fn spawn_on_database(database: TestDatabase, clock: ManualClock) -> TestApp {
        TestApp::spawn_on(database, clock, |_| {}).await
    }

    async fn spawn_on(
        database: TestDatabase,
        clock: ManualClock,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let mut settings = Settings::for_database(database.url());
        // Names resolve from an empty table: no test depends on the machine's resolver.
        settings.delivery.names = ccms_api::dispatch::guard::Names::table([]);
        settings.evidence_dir = database.evidence_dir();
        // Tests send bursts on purpose (races, idempotency): the bound is tested on its own.
        settings.max_in_flight = Some(512);
        settings.sign_in_places = Some(64);
        adjust(&mut settings);
        let evidence = settings.evidence_store().unwrap();
        let app = Application::build_with_clock(settings, Arc::new(clock.clone()))
            .await
            .unwrap();
        let base_url = format!("http://127.0.0.1:{}", app.port());
        let store = app.store().clone();
        let policies = app.policies();
        let handle = app.handle();
        actix_web::rt::spawn(app.run());
        TestApp {
            base_url,
            clock,
            store,
            evidence,
            policies,
            client: reqwest::Client::new(),
            keys: TokenKeys::hs256(DEVELOPMENT_SECRET).unwrap(),
            handle,
            database,
        }
    }

    /// Publishes a policy version that lets one consumer file `per_day` complaints a day, all
    /// against one business if it likes: for tests that file many cases as one consumer.
    /// One round of the worker's upkeep at `now`: the retention sweep, the erased evidence
    /// bytes removed, and (with `collect`) stray objects collected.
    pub async fn upkeep(&self, now: DateTime<Utc>, collect: bool) -> ccms_api::worker::Upkeep {
        let worker = Arc::new(ccms_api::worker::DeadlineWorker::new(
            self.store.clone(),
            Arc::new(ccms_api::calendar::CalendarBook::default()),
        ));
        ccms_api::worker::upkeep(&worker, &self.evidence, now, collect.then_some(now)).await
    }

    pub fn allow_filings(&self, per_day: u32) {
        self.publish_policy(|next| {
            next.filing_limits = ccms_domain::complaint::limits::FilingLimits {
                per_consumer_per_day: per_day,
                per_business_per_day: per_day,
                source: "a test filing many cases".into(),
            };
        });
    }

    /// Publishes the next policy version: the current one as `change` leaves it.
    pub fn publish_policy(
        &self,
        change: impl FnOnce(&mut ccms_domain::complaint::routing::RoutingPolicy),
    ) {
        use ccms_persistence::policy::{self, Publication};
        let by = Publication {
            published_at: self.clock.now(),
            published_by: "test".into(),
        };
        self.store
            .transaction(|conn| {
                let number = policy::current_version(conn)?.unwrap_or(1);
                let (mut next, _) = policy::find(conn, number)?;
                next.version = number + 1;
                change(&mut next);
                policy::publish(conn, &next, &by)?;
                Ok::<_, ccms_persistence::StoreError>(next)
            })
            .map(|next| self.policies.published(&next))
            .unwrap();
    }

    /// A `propose_resolution` with `note`: a refund of Tk 1,500 promised three days from the
    /// app's today (`fixtures::proposal`).
    pub fn proposal(&self, note: &str) -> serde_json::Value {
        crate::fixtures::proposal(self.clock.now(), note)
    }

    /// A valid access token for a caller in `role` that has no account (`sub` is `test-<role>`).
    pub fn token(&self, role: Role) -> String {
        let now = self.clock.now();
        let claims = Claims::new(
            format!("test-{}", role.code()),
            role,
            now,
            Duration::minutes(15),
        );
        self.sign(&claims)
    }

    /// A partner client's access token for `business_id` (a marketplace or shop), valid three
    /// days by the app's clock, so tests that move time a day or two keep using it.
    pub fn partner_token(&self, client_id: &str, business_id: &str) -> String {
        self.sign(&Claims {
            business_id: business_id.parse().ok(),
            ..Claims::new(
                client_id,
                Role::Partner,
                self.clock.now(),
                Duration::days(3),
            )
        })
    }

    /// Signs any claims with the application's development secret.
    pub fn sign(&self, claims: &Claims) -> String {
        self.keys.sign(claims).unwrap()
    }

    /// POSTs JSON without a token.
    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(self.request(Method::POST, path).json(body)).await
    }

    /// Creates a staff account through the admin API and returns its id.
    pub async fn create_staff(&self, body: Value) -> String {
        let created = self.post_as(Role::Admin, "/api/v1/staff", &body).await;
        assert_eq!(created.status, 201, "{}", created.text);
        created.json()["id"].as_str().unwrap().to_owned()
    }

    /// Signs a consumer in by one-time code and returns the access token.
    pub async fn consumer_token(&self, phone: &str) -> String {
        let sent = self
            .post("/api/v1/auth/otp", &serde_json::json!({ "phone": phone }))
            .await;
        assert_eq!(sent.status, 202, "{}", sent.text);
        let code = sent.json()["dev_code"].as_str().unwrap().to_owned();
        let verified = self
            .post(
                "/api/v1/auth/otp/verify",
                &serde_json::json!({ "phone": phone, "code": code }),
            )
            .await;
        assert_eq!(verified.status, 200, "{}", verified.text);
        verified.json()["access_token"].as_str().unwrap().to_owned()
    }

    /// Sends `request` with a bearer token.
    pub async fn send_with(&self, token: &str, request: reqwest::RequestBuilder) -> Answer {
        self.send(request.bearer_auth(token)).await
    }

    /// Signs in with e-mail and password.
    pub async fn login(&self, email: &str, password: &str) -> Answer {
        let body = serde_json::json!({"email": email, "password": password});
        self.post("/api/v1/auth/login", &body).await
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base_url))
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        Answer {
            status: response.status(),
            headers: response.headers().clone(),
            text: response.text().await.unwrap(),
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.request(Method::GET, path)).await
    }

    pub async fn get_as(&self, role: Role, path: &str) -> Answer {
        self.send(
            self.request(Method::GET, path)
                .bearer_auth(self.token(role)),
        )
        .await
    }

    pub async fn post_as(&self, role: Role, path: &str, body: &Value) -> Answer {
        self.send(
            self.request(Method::POST, path)
                .bearer_auth(self.token(role))
                .json(body),
        )
        .await
    }

    pub async fn patch_as(&self, role: Role, path: &str, body: &Value) -> Answer {
        self.send(
            self.request(Method::PATCH, path)
                .bearer_auth(self.token(role))
                .json(body),
        )
        .await
    }
}

fn env_logger_init() -> Result<(), log::SetLoggerError> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        .is_test(true)
        .try_init()
}
