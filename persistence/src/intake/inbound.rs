//! The messages the SMS gateway posted, by the gateway's id: claiming one a second time fails,
//! so a delivery posted again does nothing twice. No text or phone number is kept.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::inbound_messages;

/// What became of a message, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled {
    pub verb: Option<String>,
    pub outcome: String,
    pub complaint_id: Option<Uuid>,
}

/// The earlier handling of message `id`, if it was posted before.
pub fn find(conn: &mut DbConnection, id: &str) -> Result<Option<Handled>, StoreError> {
    let row: Option<(Option<String>, String, Option<DbId>)> = inbound_messages::table
        .find(id)
        .select((
            inbound_messages::verb,
            inbound_messages::outcome,
            inbound_messages::complaint_id,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(verb, outcome, complaint)| Handled {
        verb,
        outcome,
        complaint_id: complaint.map(|c| c.0),
    }))
}

/// Keeps message `id` as handled; `false` when another request kept it first (the caller's
/// transaction then holds nothing of its own work worth keeping).
pub fn keep(
    conn: &mut DbConnection,
    (id, channel): (&str, &str),
    handled: &Handled,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let insert = diesel::insert_into(inbound_messages::table)
        .values((
            inbound_messages::id.eq(id),
            inbound_messages::channel.eq(channel),
            inbound_messages::received_at.eq(DbTime::new(at)),
            inbound_messages::verb.eq(handled.verb.clone()),
            inbound_messages::outcome.eq(handled.outcome.clone()),
            inbound_messages::complaint_id.eq(handled.complaint_id.map(DbId)),
        ))
        .on_conflict_do_nothing();
    let inserted = match conn {
        DbConnection::Pg(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    Ok(inserted == 1)
}

/// What became of message `id`, once handled.
pub fn settle(conn: &mut DbConnection, id: &str, handled: &Handled) -> Result<(), StoreError> {
    diesel::update(inbound_messages::table.find(id))
        .set((
            inbound_messages::verb.eq(handled.verb.clone()),
            inbound_messages::outcome.eq(handled.outcome.clone()),
            inbound_messages::complaint_id.eq(handled.complaint_id.map(DbId)),
        ))
        .execute(conn)?;
    Ok(())
}
