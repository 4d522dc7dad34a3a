//! Staff statistics over the cases filed in a period. Counts by column go through diesel;
//! months, clock compliance and time in each state need each database's date and JSON
//! functions, so they are written once per backend.

use ccms_domain::transparency::{ClockCompliance, Count, TimeInState};
use chrono::{DateTime, TimeZone, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text, Timestamptz};

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::complaints;

pub use ccms_domain::transparency::Statistics;

/// Where an unbounded period starts and ends.
fn bounds(
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let earliest = Utc
        .with_ymd_and_hms(1970, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let latest = Utc
        .with_ymd_and_hms(9999, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    (from.unwrap_or(earliest), until.unwrap_or(latest))
}

macro_rules! counted_by {
    ($conn:expr, $column:expr, $from:expr, $until:expr, $limit:expr) => {
        complaints::table
            .filter(complaints::created_at.ge(DbTime::new($from)))
            .filter(complaints::created_at.lt(DbTime::new($until)))
            .group_by($column)
            .select(($column, count_star()))
            .order(count_star().desc())
            .limit($limit)
            .load($conn)?
    };
}

#[derive(QueryableByName)]
struct Keyed {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = BigInt)]
    count: i64,
}

#[derive(QueryableByName)]
struct ClockRow {
    #[diesel(sql_type = Text)]
    clock: String,
    #[diesel(sql_type = BigInt)]
    started: i64,
    #[diesel(sql_type = BigInt)]
    breached: i64,
}

#[derive(QueryableByName)]
struct StateRow {
    #[diesel(sql_type = Text)]
    state: String,
    #[diesel(sql_type = BigInt)]
    moves: i64,
    #[diesel(sql_type = Nullable<Double>)]
    hours: Option<f64>,
}

const PG_MONTHS: &str = "SELECT to_char(created_at AT TIME ZONE 'Asia/Dhaka', 'YYYY-MM') AS key, count(*) AS count \
    FROM complaints WHERE created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 1";
const SQLITE_MONTHS: &str = "SELECT strftime('%Y-%m', created_at, '+6 hours') AS key, count(*) AS count \
    FROM complaints WHERE created_at >= ? AND created_at < ? GROUP BY 1 ORDER BY 1";
const PG_CLOCKS: &str = "SELECT e.detail->>'clock' AS clock, \
    sum(CASE WHEN e.detail->>'change' = 'started' THEN 1 ELSE 0 END)::int8 AS started, \
    sum(CASE WHEN e.detail->>'change' = 'breached' THEN 1 ELSE 0 END)::int8 AS breached \
    FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id \
    WHERE e.kind = 'clock' AND c.created_at >= $1 AND c.created_at < $2 GROUP BY 1 ORDER BY 1";
const SQLITE_CLOCKS: &str = "SELECT json_extract(e.detail, '$.clock') AS clock, \
    sum(CASE WHEN json_extract(e.detail, '$.change') = 'started' THEN 1 ELSE 0 END) AS started, \
    sum(CASE WHEN json_extract(e.detail, '$.change') = 'breached' THEN 1 ELSE 0 END) AS breached \
    FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id \
    WHERE e.kind = 'clock' AND c.created_at >= ? AND c.created_at < ? GROUP BY 1 ORDER BY 1";
const PG_STATES: &str = "SELECT from_state AS state, count(*) AS moves, \
    avg(extract(epoch FROM at - prev_at))::float8 / 3600.0 AS hours FROM ( \
    SELECT e.from_state, e.at, lag(e.at) OVER (PARTITION BY e.complaint_id ORDER BY e.seq) AS prev_at \
    FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id \
    WHERE e.kind = 'transition' AND c.created_at >= $1 AND c.created_at < $2) t \
    WHERE prev_at IS NOT NULL AND from_state IS NOT NULL GROUP BY 1 ORDER BY 1";
const SQLITE_STATES: &str = "SELECT from_state AS state, count(*) AS moves, \
    avg((julianday(at) - julianday(prev_at)) * 24.0) AS hours FROM ( \
    SELECT e.from_state, e.at, lag(e.at) OVER (PARTITION BY e.complaint_id ORDER BY e.seq) AS prev_at \
    FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id \
    WHERE e.kind = 'transition' AND c.created_at >= ? AND c.created_at < ?) t \
    WHERE prev_at IS NOT NULL AND from_state IS NOT NULL GROUP BY 1 ORDER BY 1";

fn per_backend<
    T: diesel::deserialize::QueryableByName<diesel::pg::Pg>
        + diesel::deserialize::QueryableByName<diesel::sqlite::Sqlite>
        + 'static,
>(
    conn: &mut DbConnection,
    (pg_sql, sqlite_sql): (&str, &str),
    (from, until): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<T>, StoreError> {
    Ok(match conn {
        DbConnection::Pg(pg) => diesel::sql_query(pg_sql)
            .bind::<Timestamptz, _>(from)
            .bind::<Timestamptz, _>(until)
            .load(pg)?,
        DbConnection::Sqlite(sqlite) => diesel::sql_query(sqlite_sql)
            .bind::<Text, _>(crate::audit::instant_text(DbTime::new(from).0))
            .bind::<Text, _>(crate::audit::instant_text(DbTime::new(until).0))
            .load(sqlite)?,
    })
}

fn counts(rows: Vec<(String, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(key, count)| Count { key, count })
        .collect()
}

/// Statistics of the cases filed in `[from, until)`.
pub fn statistics(
    conn: &mut DbConnection,
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Result<Statistics, StoreError> {
    let (from, until) = bounds(from, until);
    let by_state: Vec<(String, i64)> = counted_by!(conn, complaints::state, from, until, 100);
    let by_category: Vec<(String, i64)> = counted_by!(conn, complaints::category, from, until, 100);
    let by_agency: Vec<(String, i64)> =
        counted_by!(conn, complaints::escalation_agency, from, until, 100);
    let by_business: Vec<(DbId, i64)> = counted_by!(conn, complaints::business_id, from, until, 50);
    let months: Vec<Keyed> = per_backend(conn, (PG_MONTHS, SQLITE_MONTHS), (from, until))?;
    let clocks: Vec<ClockRow> = per_backend(conn, (PG_CLOCKS, SQLITE_CLOCKS), (from, until))?;
    let states: Vec<StateRow> = per_backend(conn, (PG_STATES, SQLITE_STATES), (from, until))?;
    Ok(Statistics {
        total: by_state.iter().map(|(_, n)| n).sum(),
        by_state: counts(by_state),
        by_category: counts(by_category),
        by_agency: counts(by_agency),
        by_business: by_business
            .into_iter()
            .map(|(id, count)| Count {
                key: id.0.to_string(),
                count,
            })
            .collect(),
        by_month: months
            .into_iter()
            .map(|m| Count {
                key: m.key,
                count: m.count,
            })
            .collect(),
        deadline_compliance: clocks
            .into_iter()
            .map(|c| ClockCompliance::new(c.clock, c.started, c.breached))
            .collect(),
        time_in_state: states
            .into_iter()
            .map(|s| TimeInState {
                state: s.state,
                moves: s.moves,
                average_hours: (s.hours.unwrap_or(0.0) * 100.0).round() / 100.0,
            })
            .collect(),
    })
}
