//! The timeline of a case: transitions, routing decisions, messages and internal notes, in the
//! order they happened. Append-only: nothing here updates or deletes.

use ccms_domain::complaint::timeline::Happening;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::to_code;
use crate::schema::complaint_events;

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub seq: i64,
    pub complaint_id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub role: String,
    /// `Happening::kind`: `filed`, `routed`, `transition`, `clock`, `message`, `note`, ...
    pub kind: String,
    pub action: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    /// Internal notes: staff only.
    pub staff_only: bool,
    pub detail: serde_json::Value,
}

impl Event {
    /// The row recording `happening` on the case, by `actor` (id, role) at `at`: the one place
    /// a happening becomes a row.
    pub fn of(
        complaint_id: Uuid,
        at: DateTime<Utc>,
        (actor, role): (&str, &str),
        happening: &Happening,
    ) -> Event {
        let (action, from, to) = happening.movement();
        Event {
            seq: 0,
            complaint_id,
            at,
            actor: actor.to_owned(),
            role: role.to_owned(),
            kind: happening.kind().to_owned(),
            action: action.map(|a| to_code(&a)),
            from_state: from.map(|s| to_code(&s)),
            to_state: to.map(|s| to_code(&s)),
            staff_only: happening.staff_only(),
            detail: happening.detail(),
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = complaint_events)]
struct NewRow {
    complaint_id: DbId,
    at: DbTime,
    actor: String,
    role: String,
    kind: String,
    action: Option<String>,
    from_state: Option<String>,
    to_state: Option<String>,
    staff_only: bool,
    detail: DbJson,
}

type Row = (
    i64,
    DbId,
    DbTime,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
    DbJson,
);

impl NewRow {
    fn from_event(event: Event) -> NewRow {
        NewRow {
            complaint_id: DbId(event.complaint_id),
            at: DbTime::new(event.at),
            actor: event.actor,
            role: event.role,
            kind: event.kind,
            action: event.action,
            from_state: event.from_state,
            to_state: event.to_state,
            staff_only: event.staff_only,
            detail: DbJson(event.detail),
        }
    }
}

pub fn append(conn: &mut DbConnection, event: Event) -> Result<(), StoreError> {
    append_all(conn, vec![event])
}

/// Appends one event and gives it back with the number the timeline gave it.
pub fn append_numbered(conn: &mut DbConnection, event: Event) -> Result<Event, StoreError> {
    let seq: i64 = diesel::insert_into(complaint_events::table)
        .values(NewRow::from_event(event.clone()))
        .returning(complaint_events::seq)
        .get_result(conn)?;
    Ok(Event { seq, ..event })
}

/// Rows per INSERT: well under both backends' limits on bound parameters.
const CHUNK: usize = 500;

/// Appends `events` as part of `batch`: one multi-row part on PostgreSQL, so they are numbered
/// in order.
pub fn append_into(batch: &mut crate::db::Batch<'_>, events: Vec<Event>) {
    let rows: Vec<NewRow> = events.into_iter().map(NewRow::from_event).collect();
    batch.insert_rows(complaint_events::table, rows);
}

/// Appends `events` in order, a few hundred rows per statement.
pub fn append_all(conn: &mut DbConnection, events: Vec<Event>) -> Result<(), StoreError> {
    let rows: Vec<NewRow> = events.into_iter().map(NewRow::from_event).collect();
    // Multi-row VALUES on PostgreSQL; SQLite runs in-process, where one row per statement
    // costs little (and diesel would wrap a batch in a transaction of its own).
    match conn {
        DbConnection::Pg(pg) => {
            for chunk in rows.chunks(CHUNK) {
                diesel::insert_into(complaint_events::table)
                    .values(chunk)
                    .execute(pg)?;
            }
        }
        DbConnection::Sqlite(sqlite) => {
            for row in &rows {
                diesel::insert_into(complaint_events::table)
                    .values(row)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// The timeline, oldest first; internal notes only when `staff` asks.
pub fn timeline(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    staff: bool,
) -> Result<Vec<Event>, StoreError> {
    let mut query = complaint_events::table
        .filter(complaint_events::complaint_id.eq(DbId(complaint_id)))
        .order(complaint_events::seq.asc())
        .into_boxed();
    if !staff {
        query = query.filter(complaint_events::staff_only.eq(false));
    }
    let rows: Vec<Row> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                seq,
                complaint_id,
                at,
                actor,
                role,
                kind,
                action,
                from_state,
                to_state,
                staff_only,
                detail,
            )| Event {
                seq,
                complaint_id: complaint_id.0,
                at: at.0,
                actor,
                role,
                kind,
                action,
                from_state,
                to_state,
                staff_only,
                detail: detail.0,
            },
        )
        .collect())
}
