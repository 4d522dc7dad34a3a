//! `persistence/src/schema/` is written by hand beside the migrations; this compares it with
//! the database the migrations actually build (PostgreSQL's `information_schema`, SQLite's
//! `pragma_table_info`): the same tables, the same columns, the same nullability and a type
//! of the declared kind. A migration that adds, drops or changes a column without schema.rs
//! (or the other way round) fails here, on the backend the suite runs against.

use std::collections::BTreeMap;

use ccms_persistence::DbConnection;
use ccms_tests::TestApp;
use diesel::prelude::*;
use diesel::sql_types::Text;

/// Every file of `persistence/src/schema/`; a new one must be added here (the test fails on a
/// table it does not find declared).
const SCHEMA_FILES: [&str; 9] = [
    include_str!("../../../persistence/src/schema/mod.rs"),
    include_str!("../../../persistence/src/schema/registry.rs"),
    include_str!("../../../persistence/src/schema/audit.rs"),
    include_str!("../../../persistence/src/schema/identity.rs"),
    include_str!("../../../persistence/src/schema/cases.rs"),
    include_str!("../../../persistence/src/schema/authority.rs"),
    include_str!("../../../persistence/src/schema/books.rs"),
    include_str!("../../../persistence/src/schema/delivery.rs"),
    include_str!("../../../persistence/src/schema/intake.rs"),
];

/// (table, column) → (declared type, nullable).
type Columns = BTreeMap<(String, String), (String, bool)>;

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

const PG_COLUMNS: &str = "SELECT table_name::text AS table_name, column_name::text AS column_name, \
     data_type::text AS data_type, is_nullable::text AS is_nullable \
     FROM information_schema.columns WHERE table_schema = current_schema() \
     AND table_name <> '__diesel_schema_migrations'";

/// SQLite's full-text index of `complaint_search` (an FTS5 table and its shadow tables) is
/// reached by raw SQL only, never declared to diesel.
const SQLITE_COLUMNS: &str = "SELECT m.name AS table_name, p.name AS column_name, \
     lower(p.type) AS data_type, \
     CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 'NO' ELSE 'YES' END AS is_nullable \
     FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' \
     AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__diesel_schema_migrations' \
     AND m.name NOT LIKE 'complaint_search_fts%'";

/// Columns a later SQLite migration added to a filled table: SQLite cannot add a `NOT NULL`
/// column without a constant default, so the column stays nullable there and every insert sets
/// it (PostgreSQL has the `NOT NULL`).
const SQLITE_ADDED_WITHOUT_NOT_NULL: [(&str, &str); 1] = [("complaints", "public_id")];

/// What schema.rs declares.
fn declared() -> Columns {
    let mut columns = Columns::new();
    let mut table = None;
    for line in SCHEMA_FILES.iter().flat_map(|file| file.lines()) {
        let trimmed = line.trim();
        if line.starts_with("    ") && !line.starts_with("     ") && trimmed.ends_with('{') {
            table = trimmed.split_whitespace().next().map(str::to_owned);
        } else if !line.starts_with("        ") {
            table = None;
        } else if let (Some(table), Some((name, kind))) = (&table, trimmed.split_once(" -> ")) {
            let kind = kind.trim_end_matches(',');
            let (kind, nullable) = match kind.strip_prefix("Nullable<") {
                Some(inner) => (inner.trim_end_matches('>'), true),
                None => (kind, false),
            };
            columns.insert(
                (table.clone(), name.to_owned()),
                (kind.to_owned(), nullable),
            );
        }
    }
    columns
}

/// The column types a declared type may be stored as.
fn stored_as(declared: &str, postgres: bool) -> &'static [&'static str] {
    match (declared, postgres) {
        ("Integer", true) => &["integer"],
        ("BigInt", true) => &["bigint"],
        ("Bool", true) => &["boolean"],
        ("Date", true) => &["date"],
        ("Document", true) => &["jsonb"],
        ("Id", true) => &["uuid"],
        ("Instant", true) => &["timestamp with time zone"],
        ("Text", true) => &["text"],
        ("Binary", true) => &["bytea"],
        ("Integer" | "BigInt", false) => &["integer", "bigint"],
        ("Bool", false) => &["boolean", "integer"],
        ("Binary", false) => &["blob"],
        ("Date" | "Document" | "Id" | "Instant" | "Text", false) => &["text"],
        _ => &[],
    }
}

#[actix_web::test]
async fn schema_rs_declares_exactly_the_columns_the_migrations_build() {
    let app = TestApp::spawn().await;
    let (found, postgres) = app
        .store
        .read(|conn| {
            let rows = match conn {
                DbConnection::Pg(pg) => (diesel::sql_query(PG_COLUMNS).load::<Column>(pg), true),
                DbConnection::Sqlite(lite) => (
                    diesel::sql_query(SQLITE_COLUMNS).load::<Column>(lite),
                    false,
                ),
            };
            Ok::<_, ccms_persistence::StoreError>((
                rows.0.map_err(ccms_persistence::StoreError::from)?,
                rows.1,
            ))
        })
        .unwrap();
    let built: BTreeMap<(String, String), (String, bool)> = found
        .into_iter()
        .map(|c| {
            (
                (c.table_name, c.column_name),
                (c.data_type, c.is_nullable == "YES"),
            )
        })
        .collect();
    let declared = declared();
    assert!(
        declared.len() > 100,
        "schema.rs was not read: {}",
        declared.len()
    );
    let only_built: Vec<_> = built
        .keys()
        .filter(|k| !declared.contains_key(*k))
        .collect();
    let only_declared: Vec<_> = declared
        .keys()
        .filter(|k| !built.contains_key(*k))
        .collect();
    assert!(
        only_built.is_empty(),
        "columns missing from schema.rs: {only_built:?}"
    );
    assert!(
        only_declared.is_empty(),
        "columns no migration builds: {only_declared:?}"
    );
    let mut differences = Vec::new();
    for (column, (kind, nullable)) in &declared {
        let (stored, stored_nullable) = &built[column];
        if !stored_as(kind, postgres).contains(&stored.as_str()) {
            differences.push(format!(
                "{column:?}: schema.rs says {kind}, the database {stored}"
            ));
        }
        let known = !postgres && SQLITE_ADDED_WITHOUT_NOT_NULL.contains(&(&column.0, &column.1));
        if nullable != stored_nullable && !known {
            differences.push(format!(
                "{column:?}: schema.rs nullable {nullable}, the database {stored_nullable}"
            ));
        }
    }
    assert!(differences.is_empty(), "{differences:#?}");
}
