//! Deliveries and their attempts. A dispatcher takes due deliveries by moving their next
//! attempt a lease ahead (on PostgreSQL under `FOR UPDATE SKIP LOCKED`, so processes never take
//! the same one); the attempt count is the fence: an outcome is written only by the process
//! whose attempt it was.

use ccms_domain::delivery::{Attempt, Delivery, DeliveryStatus, SubscriptionStatus};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::{deliveries, delivery_attempts, subscriptions};
use crate::{Page, PageRequest, StoreError};

#[derive(Queryable, Insertable)]
#[diesel(table_name = deliveries)]
struct Row {
    id: DbId,
    subscription_id: DbId,
    event_id: DbId,
    event_type: String,
    body: String,
    status: String,
    attempts: i32,
    next_attempt_at: Option<DbTime>,
    queued_at: DbTime,
    finished_at: Option<DbTime>,
}

impl Row {
    fn from_domain(d: &Delivery) -> Row {
        Row {
            id: DbId(d.id),
            subscription_id: DbId(d.subscription_id),
            event_id: DbId(d.event_id),
            event_type: d.event_type.clone(),
            body: d.body.clone(),
            status: to_code(&d.status),
            attempts: i32::try_from(d.attempts).unwrap_or(i32::MAX),
            next_attempt_at: d.next_attempt_at.map(DbTime::new),
            queued_at: DbTime::new(d.queued_at),
            finished_at: d.finished_at.map(DbTime::new),
        }
    }

    fn into_domain(self) -> Result<Delivery, StoreError> {
        Ok(Delivery {
            id: self.id.0,
            subscription_id: self.subscription_id.0,
            event_id: self.event_id.0,
            event_type: self.event_type,
            body: self.body,
            status: from_code(&self.status)?,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            next_attempt_at: self.next_attempt_at.map(|t| t.0),
            queued_at: self.queued_at.0,
            finished_at: self.finished_at.map(|t| t.0),
        })
    }
}

/// Rows per INSERT, well under both backends' limits on bound parameters.
const CHUNK: usize = 200;

pub fn queue(conn: &mut DbConnection, queued: &[Delivery]) -> Result<(), StoreError> {
    let rows: Vec<Row> = queued.iter().map(Row::from_domain).collect();
    match conn {
        DbConnection::Pg(pg) => {
            for chunk in rows.chunks(CHUNK) {
                diesel::insert_into(deliveries::table)
                    .values(chunk)
                    .execute(pg)?;
            }
        }
        DbConnection::Sqlite(sqlite) => {
            for row in &rows {
                diesel::insert_into(deliveries::table)
                    .values(row)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

#[derive(QueryableByName)]
struct DueId {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

/// Takes up to `limit` deliveries due by `now` to active subscriptions: counts the attempt and
/// moves the next one `lease` ahead, so if this process dies the delivery comes due again.
/// Commit before sending.
pub fn take_due(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Delivery>, StoreError> {
    let pending = to_code(&DeliveryStatus::Pending);
    let active = to_code(&SubscriptionStatus::Active);
    let ids: Vec<Uuid> = match conn {
        DbConnection::Pg(pg) => diesel::sql_query(
            "SELECT d.id FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id \
             WHERE d.status = $1 AND d.next_attempt_at <= $2 AND s.status = $3 \
             ORDER BY d.next_attempt_at LIMIT $4 FOR UPDATE OF d SKIP LOCKED",
        )
        .bind::<diesel::sql_types::Text, _>(&pending)
        .bind::<diesel::sql_types::Timestamptz, _>(now)
        .bind::<diesel::sql_types::Text, _>(&active)
        .bind::<diesel::sql_types::BigInt, _>(limit)
        .load::<DueId>(pg)?
        .into_iter()
        .map(|row| row.id)
        .collect(),
        DbConnection::Sqlite(_) => deliveries::table
            .inner_join(subscriptions::table)
            .filter(deliveries::status.eq(&pending))
            .filter(deliveries::next_attempt_at.le(DbTime::new(now)))
            .filter(subscriptions::status.eq(&active))
            .order(deliveries::next_attempt_at.asc())
            .limit(limit)
            .select(deliveries::id)
            .load::<DbId>(conn)?
            .into_iter()
            .map(|id| id.0)
            .collect(),
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<DbId> = ids.into_iter().map(DbId).collect();
    diesel::update(deliveries::table.filter(deliveries::id.eq_any(&keys)))
        .set((
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::next_attempt_at.eq(DbTime::new(now + lease)),
        ))
        .execute(conn)?;
    let rows: Vec<Row> = deliveries::table
        .filter(deliveries::id.eq_any(&keys))
        .order(deliveries::next_attempt_at.asc())
        .load(conn)?;
    rows.into_iter().map(Row::into_domain).collect()
}

/// What an attempt leaves the delivery at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub status: DeliveryStatus,
    pub next_attempt_at: Option<DateTime<Utc>>,
}

/// Logs `attempt` at `taken` (the delivery as it was taken) and, if the delivery is still at
/// that attempt and was not queued again meanwhile (a replay), writes its outcome. A delivery
/// deleted meanwhile (with its subscription) is left alone. Returns whether the outcome was
/// written.
pub fn record(
    conn: &mut DbConnection,
    taken: &Delivery,
    attempt: &Attempt,
    outcome: Outcome,
) -> Result<bool, StoreError> {
    let exists: i64 = deliveries::table
        .filter(deliveries::id.eq(DbId(taken.id)))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        return Ok(false);
    }
    diesel::insert_into(delivery_attempts::table)
        .values((
            delivery_attempts::delivery_id.eq(DbId(taken.id)),
            delivery_attempts::attempt.eq(i32::try_from(attempt.attempt).unwrap_or(i32::MAX)),
            delivery_attempts::at.eq(DbTime::new(attempt.at)),
            delivery_attempts::status_code.eq(attempt.status_code.map(i32::from)),
            delivery_attempts::latency_ms.eq(attempt.latency_ms),
            delivery_attempts::error.eq(&attempt.error),
        ))
        .execute(conn)?;
    let finished = (outcome.status != DeliveryStatus::Pending).then(|| DbTime::new(attempt.at));
    let written = diesel::update(
        deliveries::table
            .filter(deliveries::id.eq(DbId(taken.id)))
            .filter(deliveries::attempts.eq(i32::try_from(attempt.attempt).unwrap_or(i32::MAX)))
            .filter(deliveries::queued_at.eq(DbTime::new(taken.queued_at))),
    )
    .set((
        deliveries::status.eq(to_code(&outcome.status)),
        deliveries::next_attempt_at.eq(outcome.next_attempt_at.map(DbTime::new)),
        deliveries::finished_at.eq(finished),
    ))
    .execute(conn)?;
    Ok(written == 1)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Delivery, StoreError> {
    let row: Row = deliveries::table.find(DbId(id)).first(conn)?;
    row.into_domain()
}

/// A subscription's deliveries, oldest first, one page at a time.
pub fn list(
    conn: &mut DbConnection,
    subscription_id: Uuid,
    page: &PageRequest,
) -> Result<Page<Delivery>, StoreError> {
    let limit = page.limit();
    let mut query = deliveries::table
        .filter(deliveries::subscription_id.eq(DbId(subscription_id)))
        .order(deliveries::id.asc())
        .limit(limit + 1)
        .into_boxed();
    if let Some(after) = page.after()? {
        query = query.filter(deliveries::id.gt(DbId(after)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items = rows
        .into_iter()
        .map(Row::into_domain)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(items, limit, |d| d.id))
}

type AttemptRow = (DbId, i32, DbTime, Option<i32>, i64, Option<String>);

/// Every attempt at the given deliveries, in order.
pub fn attempts_of(
    conn: &mut DbConnection,
    delivery_ids: &[Uuid],
) -> Result<Vec<(Uuid, Attempt)>, StoreError> {
    let keys: Vec<DbId> = delivery_ids.iter().copied().map(DbId).collect();
    let rows: Vec<AttemptRow> = delivery_attempts::table
        .filter(delivery_attempts::delivery_id.eq_any(keys))
        .order(delivery_attempts::id.asc())
        .select((
            delivery_attempts::delivery_id,
            delivery_attempts::attempt,
            delivery_attempts::at,
            delivery_attempts::status_code,
            delivery_attempts::latency_ms,
            delivery_attempts::error,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, attempt, at, status, latency_ms, error)| {
            (
                id.0,
                Attempt {
                    attempt: u32::try_from(attempt).unwrap_or(0),
                    at: at.0,
                    status_code: status.and_then(|s| u16::try_from(s).ok()),
                    latency_ms,
                    error,
                },
            )
        })
        .collect())
}

/// Queues a delivery again, now, whatever became of it; retries run for another day. An
/// attempt in flight meanwhile logs itself but no longer decides the delivery's status.
pub fn replay(conn: &mut DbConnection, id: Uuid, now: DateTime<Utc>) -> Result<(), StoreError> {
    let changed = diesel::update(deliveries::table.find(DbId(id)))
        .set((
            deliveries::status.eq(to_code(&DeliveryStatus::Pending)),
            deliveries::next_attempt_at.eq(DbTime::new(now)),
            deliveries::queued_at.eq(DbTime::new(now)),
            deliveries::finished_at.eq(None::<DbTime>),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
