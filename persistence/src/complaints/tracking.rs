//! Tracking numbers `CCMS-YYYY-NNNNNN`: one counter row per year, incremented inside the
//! intake transaction. The row lock (PostgreSQL) or the write lock (SQLite) serializes intakes,
//! and a rolled-back intake rolls its number back too, so there are neither gaps nor repeats.

use ccms_domain::complaint::TrackingNumber;
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::schema::tracking_counters;

pub fn next_tracking_number(
    conn: &mut DbConnection,
    year: i32,
) -> Result<TrackingNumber, StoreError> {
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
    diesel::update(tracking_counters::table.find(year))
        .set(tracking_counters::last.eq(tracking_counters::last + 1))
        .execute(conn)?;
    let last: i64 = tracking_counters::table
        .find(year)
        .select(tracking_counters::last)
        .first(conn)?;
    Ok(TrackingNumber::new(year, last))
}
