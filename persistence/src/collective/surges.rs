//! Surges: counting a business's new cases, and recording a surge once however many workers
//! see it at the same moment (a partial unique index: one open surge per business).

use ccms_domain::collective::Surge;
use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::{complaints, surges};

type Row = (DbId, DbId, DbTime, Option<DbTime>, i64, i32, i64);

fn into_domain((id, business, started, ended, cases, days, threshold): Row) -> Surge {
    Surge {
        id: id.0,
        business_id: business.0,
        started_at: started.0,
        ended_at: ended.map(|t| t.0),
        cases_in_window: cases,
        window_days: u32::try_from(days).unwrap_or_default(),
        threshold,
    }
}

/// The cases a surge counts: not withdrawn, not merged into another (a re-filing is one
/// complaint), and sent to the business (not held for a caller's confirmation).
fn counted() -> complaints::BoxedQuery<'static, crate::db::MultiBackend> {
    complaints::table
        .filter(complaints::state.ne("withdrawn"))
        .filter(complaints::merged_into.is_null())
        .filter(crate::complaints::reached_business())
        .into_boxed()
}

/// Businesses with at least `threshold` cases filed since `since`, with their counts.
pub fn businesses_with(
    conn: &mut DbConnection,
    since: DateTime<Utc>,
    threshold: i64,
) -> Result<Vec<(Uuid, i64)>, StoreError> {
    // The same cases as `counted` (a grouped query cannot start from a boxed one).
    let rows: Vec<(DbId, i64)> = complaints::table
        .filter(complaints::state.ne("withdrawn"))
        .filter(complaints::merged_into.is_null())
        .filter(crate::complaints::reached_business())
        .filter(complaints::created_at.ge(DbTime::new(since)))
        .group_by(complaints::business_id)
        .having(count_star().ge(threshold))
        .select((complaints::business_id, count_star()))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, n)| (id.0, n)).collect())
}

/// Cases filed against `business` since `since`.
pub fn cases_since(
    conn: &mut DbConnection,
    business: Uuid,
    since: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(counted()
        .filter(complaints::business_id.eq(DbId(business)))
        .filter(complaints::created_at.ge(DbTime::new(since)))
        .count()
        .get_result(conn)?)
}

/// Every open surge.
pub fn open(conn: &mut DbConnection) -> Result<Vec<Surge>, StoreError> {
    let rows: Vec<Row> = surges::table
        .filter(surges::ended_at.is_null())
        .order(surges::started_at.asc())
        .load(conn)?;
    Ok(rows.into_iter().map(into_domain).collect())
}

/// Surges, latest first, at most `limit`.
pub fn latest(conn: &mut DbConnection, limit: i64) -> Result<Vec<Surge>, StoreError> {
    let rows: Vec<Row> = surges::table
        .order((surges::started_at.desc(), surges::id.desc()))
        .limit(limit)
        .load(conn)?;
    Ok(rows.into_iter().map(into_domain).collect())
}

/// The business's open surge, if it is in one.
pub fn open_for(conn: &mut DbConnection, business: Uuid) -> Result<Option<Surge>, StoreError> {
    let row: Option<Row> = surges::table
        .filter(surges::business_id.eq(DbId(business)))
        .filter(surges::ended_at.is_null())
        .first(conn)
        .optional()?;
    Ok(row.map(into_domain))
}

/// Records `surge`; `false` when the business already has an open one (another worker's).
pub fn start(conn: &mut DbConnection, surge: &Surge) -> Result<bool, StoreError> {
    let insert = diesel::insert_into(surges::table)
        .values((
            surges::id.eq(DbId(surge.id)),
            surges::business_id.eq(DbId(surge.business_id)),
            surges::started_at.eq(DbTime::new(surge.started_at)),
            surges::cases_in_window.eq(surge.cases_in_window),
            surges::window_days.eq(i32::try_from(surge.window_days).unwrap_or(i32::MAX)),
            surges::threshold.eq(surge.threshold),
        ))
        .on_conflict_do_nothing();
    let inserted = match conn {
        DbConnection::Pg(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    Ok(inserted == 1)
}

/// Ends the surge at `at`; `false` when it had ended already.
pub fn end(conn: &mut DbConnection, id: Uuid, at: DateTime<Utc>) -> Result<bool, StoreError> {
    let changed = diesel::update(
        surges::table
            .find(DbId(id))
            .filter(surges::ended_at.is_null()),
    )
    .set(surges::ended_at.eq(Some(DbTime::new(at))))
    .execute(conn)?;
    Ok(changed == 1)
}
