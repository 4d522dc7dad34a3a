//! SMS and e-mail waiting for the gateway, taken by a dispatcher under a lease like webhook
//! deliveries, so each goes out once per attempt even with several processes.

use ccms_domain::delivery::notice::{Notice, NoticeStatus, NoticeText};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::notifications;

#[derive(Queryable, Insertable)]
#[diesel(table_name = notifications)]
pub(crate) struct Row {
    id: DbId,
    event_id: DbId,
    channel: String,
    recipient: String,
    language: String,
    subject: String,
    body: String,
    status: String,
    attempts: i32,
    next_attempt_at: Option<DbTime>,
    last_error: Option<String>,
    created_at: DbTime,
    sent_at: Option<DbTime>,
}

impl Row {
    fn from_domain(n: &Notice) -> Row {
        Row {
            id: DbId(n.id),
            event_id: DbId(n.event_id),
            channel: to_code(&n.channel),
            recipient: n.recipient.clone(),
            language: n.language.code().to_owned(),
            subject: n.text.subject.clone(),
            body: n.text.body.clone(),
            status: to_code(&n.status),
            attempts: i32::try_from(n.attempts).unwrap_or(i32::MAX),
            next_attempt_at: n.next_attempt_at.map(DbTime::new),
            last_error: None,
            created_at: DbTime::new(n.created_at),
            sent_at: None,
        }
    }

    pub(crate) fn into_domain(self) -> Result<Notice, StoreError> {
        Ok(Notice {
            id: self.id.0,
            event_id: self.event_id.0,
            channel: from_code(&self.channel)?,
            recipient: self.recipient,
            language: ccms_domain::delivery::notice::Language::from_code(&self.language),
            text: NoticeText {
                subject: self.subject,
                body: self.body,
            },
            status: from_code(&self.status)?,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            next_attempt_at: self.next_attempt_at.map(|t| t.0),
            created_at: self.created_at.0,
        })
    }
}

/// Queues notices; one already queued for the same event and channel is kept as it is.
pub fn queue(conn: &mut DbConnection, notices: &[Notice]) -> Result<(), StoreError> {
    for notice in notices {
        let insert = diesel::insert_into(notifications::table)
            .values(Row::from_domain(notice))
            .on_conflict_do_nothing();
        match conn {
            DbConnection::Pg(pg) => insert.execute(pg)?,
            DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
        };
    }
    Ok(())
}

/// Keeps a notice that was sent at once rather than queued (a one-time code): its attempts,
/// outcome and last error, so it shows in the notice log. It is never taken by a dispatcher.
pub fn keep_sent(
    conn: &mut DbConnection,
    notice: &Notice,
    error: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut row = Row::from_domain(notice);
    row.next_attempt_at = None;
    row.last_error = error;
    row.sent_at = (notice.status == NoticeStatus::Sent).then(|| DbTime::new(at));
    diesel::insert_into(notifications::table)
        .values(row)
        .execute(conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct DueId {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    id: Uuid,
}

/// Takes up to `limit` notices due by `now`, counting the attempt and moving the next one a
/// `lease` ahead. Commit before sending.
pub fn take_due(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Notice>, StoreError> {
    let pending = to_code(&NoticeStatus::Pending);
    let ids: Vec<Uuid> = match conn {
        DbConnection::Pg(pg) => diesel::sql_query(
            "SELECT id FROM notifications WHERE status = $1 AND next_attempt_at <= $2 \
             ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED",
        )
        .bind::<diesel::sql_types::Text, _>(&pending)
        .bind::<diesel::sql_types::Timestamptz, _>(now)
        .bind::<diesel::sql_types::BigInt, _>(limit)
        .load::<DueId>(pg)?
        .into_iter()
        .map(|row| row.id)
        .collect(),
        DbConnection::Sqlite(_) => notifications::table
            .filter(notifications::status.eq(&pending))
            .filter(notifications::next_attempt_at.le(DbTime::new(now)))
            .order(notifications::next_attempt_at.asc())
            .limit(limit)
            .select(notifications::id)
            .load::<DbId>(conn)?
            .into_iter()
            .map(|id| id.0)
            .collect(),
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<DbId> = ids.into_iter().map(DbId).collect();
    diesel::update(notifications::table.filter(notifications::id.eq_any(&keys)))
        .set((
            notifications::attempts.eq(notifications::attempts + 1),
            notifications::next_attempt_at.eq(DbTime::new(now + lease)),
        ))
        .execute(conn)?;
    let rows: Vec<Row> = notifications::table
        .filter(notifications::id.eq_any(&keys))
        .load(conn)?;
    rows.into_iter().map(Row::into_domain).collect()
}

/// Writes what the gateway said of attempt `attempt`: sent, to retry at a time, or failed.
pub fn record(
    conn: &mut DbConnection,
    notice: &Notice,
    status: NoticeStatus,
    next_attempt_at: Option<DateTime<Utc>>,
    error: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(
        notifications::table
            .filter(notifications::id.eq(DbId(notice.id)))
            .filter(notifications::attempts.eq(i32::try_from(notice.attempts).unwrap_or(i32::MAX))),
    )
    .set((
        notifications::status.eq(to_code(&status)),
        notifications::next_attempt_at.eq(next_attempt_at.map(DbTime::new)),
        notifications::last_error.eq(error),
        notifications::sent_at.eq((status == NoticeStatus::Sent).then(|| DbTime::new(at))),
    ))
    .execute(conn)?;
    Ok(())
}

/// The notices to one phone number or address, oldest first: for support and tests.
pub fn to_recipient(conn: &mut DbConnection, recipient: &str) -> Result<Vec<Notice>, StoreError> {
    let rows: Vec<Row> = notifications::table
        .filter(notifications::recipient.eq(recipient))
        .order(notifications::id.asc())
        .load(conn)?;
    rows.into_iter().map(Row::into_domain).collect()
}

/// Hides the text of the notices of `event_id` (a confirmation code once used: the notice
/// log keeps that a code went out, never which); one not sent yet is withdrawn instead, so no
/// one receives a text without its code.
pub fn hide_body(
    conn: &mut DbConnection,
    event_id: uuid::Uuid,
    body: &str,
) -> Result<(), StoreError> {
    let of_event = notifications::event_id.eq(DbId(event_id));
    let pending = notifications::status.eq(to_code(&NoticeStatus::Pending));
    diesel::delete(notifications::table.filter(of_event).filter(pending)).execute(conn)?;
    diesel::update(notifications::table.filter(of_event))
        .set(notifications::body.eq(body))
        .execute(conn)?;
    Ok(())
}
