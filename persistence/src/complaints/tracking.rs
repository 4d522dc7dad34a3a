//! Tracking numbers `CCMS-YYYY-NNNNNN`, sequential per year.
//!
//! PostgreSQL: one sequence per year (`tracking_number_YYYY`), created by the year's first
//! intake and started after both the year's row in `tracking_counters` (numbers given before
//! the sequences existed) and the highest number the year's cases carry. A sequence never makes one intake wait for another; its price is that
//! an intake failing after taking its number (a lost connection, a crash) leaves that number
//! unused. Refusals (admissibility, duplicates) come before the number is taken.
//!
//! SQLite: the year's row in `tracking_counters`, under the write lock every transaction
//! takes; a rolled-back intake rolls its number back too.

use ccms_domain::complaint::TrackingNumber;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use crate::StoreError;
use crate::db::DbConnection;
use crate::schema::{complaints, tracking_counters};

pub fn next_tracking_number(
    conn: &mut DbConnection,
    year: i32,
) -> Result<TrackingNumber, StoreError> {
    let last = match conn {
        DbConnection::Pg(pg) => from_sequence(pg, year)?,
        DbConnection::Sqlite(_) => from_counter(conn, year)?,
    };
    Ok(TrackingNumber::new(year, last))
}

#[derive(QueryableByName)]
struct Next {
    #[diesel(sql_type = Nullable<BigInt>)]
    value: Option<i64>,
}

fn from_sequence(pg: &mut PgConnection, year: i32) -> Result<i64, StoreError> {
    // Digits only: `year` is a number, so the name cannot carry SQL.
    let name = format!("tracking_number_{year}");
    let next = |pg: &mut PgConnection| {
        diesel::sql_query("SELECT nextval(to_regclass($1)) AS value")
            .bind::<Text, _>(&name)
            .get_result::<Next>(pg)
            .map(|n| n.value)
    };
    if let Some(value) = next(pg)? {
        return Ok(value);
    }
    // The year's first intake. The advisory lock makes a second one wait for the first to
    // commit, then find the sequence there.
    diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .bind::<Text, _>(&name)
        .execute(pg)?;
    if let Some(value) = next(pg)? {
        return Ok(value);
    }
    let counted: Option<i64> = tracking_counters::table
        .find(year)
        .select(tracking_counters::last)
        .first(pg)
        .optional()?;
    // And past every number the year's cases already carry (a sequence made again after a
    // restore, or numbers given while the counter was still in use).
    let highest: Option<String> = complaints::table
        .filter(complaints::tracking_number.like(format!("{}%", TrackingNumber::prefix_of(year))))
        .order((
            diesel::dsl::sql::<BigInt>("length(tracking_number)").desc(),
            complaints::tracking_number.desc(),
        ))
        .select(complaints::tracking_number)
        .first(pg)
        .optional()?;
    let carried = highest
        .and_then(|number| TrackingNumber::parse(&number))
        .map_or(0, |number| number.sequence());
    diesel::sql_query(format!(
        "CREATE SEQUENCE IF NOT EXISTS {name} START WITH {}",
        counted.unwrap_or(0).max(carried) + 1
    ))
    .execute(pg)?;
    next(pg)?.ok_or(StoreError::NotFound)
}

fn from_counter(conn: &mut DbConnection, year: i32) -> Result<i64, StoreError> {
    let start = diesel::insert_into(tracking_counters::table)
        .values((
            tracking_counters::year.eq(year),
            tracking_counters::last.eq(0_i64),
        ))
        .on_conflict_do_nothing();
    match conn {
        DbConnection::Pg(c) => start.execute(c)?,
        DbConnection::Sqlite(c) => start.execute(c)?,
    };
    let update = diesel::update(tracking_counters::table.find(year))
        .set(tracking_counters::last.eq(tracking_counters::last + 1))
        .returning(tracking_counters::last);
    Ok(match conn {
        DbConnection::Pg(c) => update.get_result(c)?,
        DbConnection::Sqlite(c) => update.get_result(c)?,
    })
}
