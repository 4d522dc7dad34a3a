//! `kill -9` in the middle of an idempotent POST: the `ccms` binary runs as a process of its own
//! and is killed while its transaction waits, then a retry with the same key (on a new server)
//! must leave exactly one message. The wait is made by PostgreSQL: a trigger on the key's row
//! takes an advisory lock this test holds, so the server stops right where it keeps the answer.

use std::process::{Child, Command, Stdio};
use std::time::{Duration as Wait, Instant};

use ccms_api::clock::ManualClock;
use ccms_api::seed::{DEMO_PARTNER_ID, DEMO_PARTNER_SECRET};
use ccms_tests::{TestApp, TestDatabase};
use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::Method;
use serde_json::{Value, json};

/// The `ccms` binary, built as the README's `cargo run` builds it.
pub(crate) fn ccms_binary() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "-q", "-p", "ccms-api", "--bin", "ccms"])
        .current_dir(&root)
        .status()
        .unwrap();
    assert!(built.success());
    let target = std::env::var("CARGO_TARGET_DIR").map_or(root.join("target"), Into::into);
    target.join("debug").join("ccms")
}

/// A port nothing listens on now.
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(database: &TestDatabase) -> (Child, String) {
    start_with(database, &[])
}

/// `ccms serve` on `database` with these settings besides, on a free port.
pub(crate) fn start_with(database: &TestDatabase, settings: &[(&str, &str)]) -> (Child, String) {
    let port = free_port();
    let child = Command::new(ccms_binary())
        .arg("serve")
        .env("DATABASE_URL", database.url())
        .env("CCMS_BIND", format!("127.0.0.1:{port}"))
        .env("CCMS_EVIDENCE_DIR", database.evidence_dir())
        .env("RUST_LOG", "warn")
        .envs(settings.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    (child, format!("http://127.0.0.1:{port}"))
}

pub(crate) async fn ready(client: &reqwest::Client, base: &str) {
    let deadline = Instant::now() + Wait::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(answer) = client.get(format!("{base}/readyz")).send().await
            && answer.status() == 200
        {
            return;
        }
        tokio::time::sleep(Wait::from_millis(100)).await;
    }
    panic!("ccms did not become ready");
}

/// Blocks every update of an idempotency key's row until this connection lets go.
fn hold_kept_answers(url: &str) -> PgConnection {
    let mut holder = PgConnection::establish(url).unwrap();
    diesel::sql_query(
        "CREATE FUNCTION wait_for_test() RETURNS trigger AS $$ \
         BEGIN PERFORM pg_advisory_xact_lock_shared(4242); RETURN NEW; END $$ LANGUAGE plpgsql",
    )
    .execute(&mut holder)
    .unwrap();
    diesel::sql_query(
        "CREATE TRIGGER wait_for_test BEFORE UPDATE ON idempotency_keys \
         FOR EACH ROW EXECUTE FUNCTION wait_for_test()",
    )
    .execute(&mut holder)
    .unwrap();
    diesel::sql_query("SELECT pg_advisory_lock(4242)")
        .execute(&mut holder)
        .unwrap();
    holder
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, sql: &str) -> i64 {
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

#[actix_web::test]
async fn a_message_post_retried_after_a_kill_9_is_written_once() {
    let database = TestDatabase::create();
    if !database.is_postgres() {
        // The pause is a PostgreSQL advisory lock; `.ci/run` runs this on PostgreSQL.
        return;
    }
    let (mut server, base) = start(&database);
    let client = reqwest::Client::new();
    ready(&client, &base).await;
    let token: Value = client
        .post(format!("{base}/api/v1/auth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", DEMO_PARTNER_ID),
            ("client_secret", DEMO_PARTNER_SECRET),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();
    let mut body = ccms_tests::fixtures::complaint("", "2026-10-25");
    body.as_object_mut().unwrap().remove("business_id");
    body["business_domain"] = json!("bazaarbangla.com.bd");
    body["consumer_phone"] = json!("01791000001");
    body["incident_date"] = json!(chrono::Utc::now().date_naive().to_string());
    let filed = client
        .post(format!("{base}/api/v1/complaints"))
        .bearer_auth(&token)
        .header("idempotency-key", "kill-intake")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(filed.status(), 201);
    let case = filed.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let messages = format!("/api/v1/complaints/{case}/messages");
    let said = json!({"text": "We have refunded the order to your bKash."});

    let mut holder = hold_kept_answers(&database.url());
    let post = {
        let request = client
            .post(format!("{base}{messages}"))
            .bearer_auth(&token)
            .header("idempotency-key", "kill-message")
            .json(&said);
        tokio::spawn(async move { request.send().await })
    };
    // Wait until the server's transaction is stuck on the test's lock, then kill it there.
    let deadline = Instant::now() + Wait::from_secs(30);
    let waiting = "SELECT count(*) AS n FROM pg_stat_activity \
                   WHERE datname = current_database() AND wait_event = 'advisory'";
    while count(&mut holder, waiting) == 0 {
        assert!(
            Instant::now() < deadline,
            "the POST never reached its answer"
        );
        tokio::time::sleep(Wait::from_millis(20)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(post.await.unwrap().is_err(), "the killed server answered");
    diesel::sql_query("SELECT pg_advisory_unlock(4242)")
        .execute(&mut holder)
        .unwrap();
    diesel::sql_query("DROP TRIGGER wait_for_test ON idempotency_keys")
        .execute(&mut holder)
        .unwrap();

    // The partner retries with the same key on a new server, once the dead claim is abandoned.
    let later = chrono::Utc::now() + chrono::Duration::minutes(2);
    let app = TestApp::spawn_on_database(database, ManualClock::at(later)).await;
    let retried = app
        .send_with(
            &token,
            app.request(Method::POST, &messages)
                .header("idempotency-key", "kill-message")
                .json(&said),
        )
        .await;

    assert_eq!(retried.status, 201, "{}", retried.text);
    let mut conn = PgConnection::establish(&app.database.url()).unwrap();
    let written = count(
        &mut conn,
        &format!(
            "SELECT count(*) AS n FROM complaint_events WHERE complaint_id = '{case}' AND kind = 'message'"
        ),
    );
    assert_eq!(written, 1, "the message was written {written} times");
}
