//! What PostgreSQL itself counted for the bench database: commits (`pg_stat_database`) and
//! statements (`pg_stat_statements`, where the server loads it). Without HTTP pipelining or
//! batches, every statement the server sends is one round trip.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text};

#[derive(QueryableByName)]
struct Commits {
    #[diesel(sql_type = BigInt)]
    commits: i64,
}

#[derive(QueryableByName)]
pub struct Statement {
    #[diesel(sql_type = Double)]
    pub calls: f64,
    #[diesel(sql_type = Text)]
    pub query: String,
}

/// A reading of the counters, taken from the admin database so it counts nothing itself.
pub struct Reading {
    commits: i64,
}

/// Waits out the statistics' flush interval (an idle backend reports within a second), then
/// reads the bench database's commits.
pub fn read(admin: &mut PgConnection, database: &str) -> Reading {
    std::thread::sleep(Duration::from_millis(1500));
    let row: Commits = diesel::sql_query(
        "SELECT xact_commit::bigint AS commits FROM pg_stat_database WHERE datname = $1",
    )
    .bind::<Text, _>(database)
    .get_result(admin)
    .unwrap();
    Reading {
        commits: row.commits,
    }
}

/// Forgets the statements counted so far; false where `pg_stat_statements` is not loaded.
pub fn reset_statements(admin: &mut PgConnection) -> bool {
    let ready = diesel::sql_query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        .execute(admin)
        .is_ok();
    ready
        && diesel::sql_query("SELECT pg_stat_statements_reset()")
            .execute(admin)
            .is_ok()
}

/// Commits per intake between two readings.
pub fn commits_per(before: &Reading, after: &Reading, intakes: usize) -> f64 {
    (after.commits - before.commits) as f64 / intakes as f64
}

/// The bench database's statements since the reset, each with its calls per intake, most
/// called first; `None` without `pg_stat_statements`.
pub fn statements_per(
    admin: &mut PgConnection,
    database: &str,
    intakes: usize,
) -> Option<Vec<Statement>> {
    diesel::sql_query(
        "SELECT s.calls::float8 / $2 AS calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) AS query \
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid \
         WHERE d.datname = $1 ORDER BY s.calls DESC",
    )
    .bind::<Text, _>(database)
    .bind::<Double, _>(intakes as f64)
    .load(admin)
    .ok()
}
