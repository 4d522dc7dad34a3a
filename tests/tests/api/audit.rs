//! The audit log's hash chain: every write extends it (linked just after it commits),
//! concurrent writers never fork it, and an entry edited or deleted straight in the database
//! is named by `verify`.

use ccms_domain::access::Role;
use ccms_persistence::DbConnection;
use ccms_tests::TestApp;
use ccms_tests::fixtures::business;
use diesel::RunQueryDsl;
use serde_json::Value;

async fn writes_waiting(app: &TestApp, count: usize) {
    for _ in 0..count {
        let created = app
            .post_as(Role::Coordinator, "/api/v1/businesses", &business().json())
            .await;
        assert_eq!(created.status, 201, "{}", created.text);
    }
}

/// Writes, then links them as the server's linker does within a moment.
async fn writes(app: &TestApp, count: usize) {
    writes_waiting(app, count).await;
    ccms_api::audit::linker::link_waiting(&app.store).unwrap();
}

async fn verify(app: &TestApp, query: &str) -> Value {
    let answer = app
        .get_as(Role::Auditor, &format!("/api/v1/audit/verify{query}"))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.json()
}

/// What someone with direct database access would do: switch off the append-only trigger,
/// then change the table.
pub(crate) fn tamper(app: &TestApp, statement: &str) {
    app.store
        .transaction(|conn| {
            let unlock = match conn {
                DbConnection::Pg(_) => {
                    "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only"
                }
                DbConnection::Sqlite(_) => "DROP TRIGGER IF EXISTS audit_entries_no_update",
            };
            diesel::sql_query(unlock).execute(conn)?;
            if matches!(conn, DbConnection::Sqlite(_)) {
                diesel::sql_query("DROP TRIGGER IF EXISTS audit_entries_no_delete")
                    .execute(conn)?;
            }
            diesel::sql_query(statement).execute(conn)?;
            Ok::<_, ccms_persistence::StoreError>(())
        })
        .unwrap();
}

#[actix_web::test]
async fn every_write_extends_an_intact_chain() {
    let app = TestApp::spawn().await;
    writes(&app, 3).await;
    let report = verify(&app, "").await;
    assert_eq!(report["intact"], true, "{report}");
    assert_eq!(report["checked"], 3);
    assert_eq!(report["head"]["chain_index"], 3);
    let log = app
        .get_as(Role::Auditor, "/api/v1/audit?action=business.create")
        .await
        .json();
    let entries = log["items"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[1]["prev_hash"], entries[0]["hash"]);
    assert_eq!(entries[2]["hash"], report["head"]["hash"]);
    assert_eq!(entries[0]["digest"].as_str().unwrap().len(), 64);
}

#[actix_web::test]
async fn the_linker_links_what_writes_left_waiting() {
    let app = TestApp::spawn().await;
    writes_waiting(&app, 2).await;
    // The server's own linker may have run already; running it again links the rest.
    ccms_api::audit::linker::link_waiting(&app.store).unwrap();
    let log = app
        .get_as(Role::Auditor, "/api/v1/audit?action=business.create")
        .await
        .json();
    let indexes: Vec<Option<i64>> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["chain_index"].as_i64())
        .collect();
    assert_eq!(indexes, [Some(1), Some(2)]);
    assert_eq!(
        ccms_api::audit::linker::link_waiting(&app.store).unwrap(),
        0
    );
}

#[actix_web::test]
async fn the_database_refuses_to_change_or_delete_an_entry() {
    let app = TestApp::spawn().await;
    writes(&app, 1).await;
    for statement in [
        "UPDATE audit_entries SET actor = 'x'",
        "DELETE FROM audit_entries",
    ] {
        let refused = app.store.transaction(|conn| {
            diesel::sql_query(statement)
                .execute(conn)
                .map_err(ccms_persistence::StoreError::from)
        });
        assert!(refused.is_err(), "{statement} was allowed");
    }
    assert_eq!(verify(&app, "").await["intact"], true);
}

#[actix_web::test]
async fn an_entry_not_yet_linked_may_take_its_links_once_and_nothing_else() {
    let app = TestApp::spawn().await;
    let detail = if app.store.backend() == "postgres" {
        "'{}'::jsonb"
    } else {
        "'{}'"
    };
    let at = if app.store.backend() == "postgres" {
        "now()"
    } else {
        "'2026-11-01T04:00:00.000000Z'"
    };
    let run = |statement: String| {
        app.store.transaction(|conn| {
            diesel::sql_query(statement)
                .execute(conn)
                .map_err(ccms_persistence::StoreError::from)
        })
    };
    run(format!(
        "INSERT INTO audit_entries (at, actor, role, action, target_type, target_id, detail) \
         VALUES ({at}, 'a', 'admin', 'x.y', 'thing', '1', {detail})"
    ))
    .unwrap();
    let edited = run("UPDATE audit_entries SET actor = 'b' WHERE hash IS NULL".into());
    assert!(edited.is_err(), "a waiting entry was edited");
    let half = run("UPDATE audit_entries SET chain_index = 7 WHERE hash IS NULL".into());
    assert!(half.is_err(), "a waiting entry took part of its links");
    let forged = run(format!(
        "INSERT INTO audit_entries (at, actor, role, action, target_type, target_id, detail, hash) \
         VALUES ({at}, 'a', 'admin', 'x.y', 'thing', '2', {detail}, 'abc')"
    ));
    assert!(
        forged.is_err(),
        "an entry was written with links of its own"
    );
    let report = verify(&app, "").await;
    assert_eq!(
        (report["intact"].as_bool(), report["checked"].as_i64()),
        (Some(true), Some(1)),
        "{report}"
    );
    let relinked = run("UPDATE audit_entries SET hash = NULL, chain_index = NULL".into());
    assert!(relinked.is_err(), "a linked entry was unlinked");
}

#[actix_web::test]
async fn the_head_only_moves_forward_and_postgresql_refuses_truncate() {
    let app = TestApp::spawn().await;
    writes(&app, 2).await;
    let back = app.store.transaction(|conn| {
        diesel::sql_query("UPDATE audit_chain_head SET last_index = 0")
            .execute(conn)
            .map_err(ccms_persistence::StoreError::from)
    });
    assert!(back.is_err(), "the head was moved back");
    if app.store.backend() == "postgres" {
        let truncated = app.store.transaction(|conn| {
            diesel::sql_query("TRUNCATE audit_entries")
                .execute(conn)
                .map_err(ccms_persistence::StoreError::from)
        });
        assert!(truncated.is_err(), "the log was truncated");
    }
    assert_eq!(verify(&app, "").await["intact"], true);
}

#[actix_web::test]
async fn an_entry_edited_in_the_database_is_named() {
    let app = TestApp::spawn().await;
    writes(&app, 4).await;
    tamper(
        &app,
        "UPDATE audit_entries SET actor = 'someone-else' WHERE chain_index = 2",
    );
    let report = verify(&app, "").await;
    assert_eq!(report["intact"], false);
    assert_eq!(report["first_break"]["kind"], "altered");
    assert_eq!(report["first_break"]["chain_index"], 2);
    assert_eq!(report["checked"], 1);
}

#[actix_web::test]
async fn a_changed_detail_is_named_even_with_its_digest_left_alone() {
    let app = TestApp::spawn().await;
    writes(&app, 3).await;
    let detail = if app.store.backend() == "postgres" {
        "'{\"forged\": true}'::jsonb"
    } else {
        "'{\"forged\": true}'"
    };
    tamper(
        &app,
        &format!("UPDATE audit_entries SET detail = {detail} WHERE chain_index = 3"),
    );
    let report = verify(&app, "").await;
    assert_eq!(
        (
            report["first_break"]["kind"].as_str(),
            report["first_break"]["chain_index"].as_i64()
        ),
        (Some("altered"), Some(3))
    );
}

#[actix_web::test]
async fn a_deleted_entry_is_found_and_so_is_a_deleted_last_one() {
    let app = TestApp::spawn().await;
    writes(&app, 4).await;
    tamper(&app, "DELETE FROM audit_entries WHERE chain_index = 2");
    let report = verify(&app, "").await;
    assert_eq!(report["first_break"]["kind"], "missing");
    assert_eq!(report["first_break"]["chain_index"], 3);
    assert_eq!(report["first_break"]["expected_index"], 2);

    let app = TestApp::spawn().await;
    writes(&app, 3).await;
    tamper(&app, "DELETE FROM audit_entries WHERE chain_index = 3");
    let report = verify(&app, "").await;
    assert_eq!(report["first_break"]["kind"], "truncated");
    assert_eq!(report["first_break"]["expected_index"], 3);
}

#[actix_web::test]
async fn concurrent_writers_extend_one_chain_without_forks() {
    let app = TestApp::spawn().await;
    let bodies: Vec<Value> = (0..24).map(|_| business().json()).collect();
    let sends = bodies
        .iter()
        .map(|body| app.post_as(Role::Coordinator, "/api/v1/businesses", body));
    let answers = futures_util::future::join_all(sends).await;
    assert!(answers.iter().all(|a| a.status == 201));
    let report = verify(&app, "").await;
    assert_eq!(report["intact"], true, "{report}");
    assert_eq!(report["checked"], 24);
    assert_eq!(report["pending"], 0);
}

#[actix_web::test]
async fn an_anchor_kept_outside_still_matches_later() {
    let app = TestApp::spawn().await;
    writes(&app, 2).await;
    let head = app.get_as(Role::Auditor, "/api/v1/audit/head").await.json();
    writes(&app, 2).await;
    let (index, hash) = (
        head["chain_index"].as_i64().unwrap(),
        head["hash"].as_str().unwrap(),
    );
    let kept = verify(&app, &format!("?anchor={index}:{hash}")).await;
    assert_eq!(
        (kept["intact"].as_bool(), kept["anchor_matches"].as_bool()),
        (Some(true), Some(true))
    );
    let wrong = "0".repeat(64);
    let other = verify(&app, &format!("?anchor={index}:{wrong}")).await;
    assert_eq!(other["anchor_matches"], false);
}
