//! The notices of an erased case or account: one not sent yet is withdrawn (nothing goes out
//! to `[erased]`), one sent keeps that it went, without its text or address.

use ccms_domain::delivery::notice::NoticeStatus;
use ccms_domain::privacy::ERASED;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbId;
use crate::registry::codes::to_code;
use crate::schema::{inbound_messages, notifications};

/// Withdraws or blanks the notices with these ids.
pub(super) fn blank(conn: &mut DbConnection, ids: Vec<DbId>) -> Result<(), StoreError> {
    let these = || notifications::table.filter(notifications::id.eq_any(&ids));
    let pending = notifications::status.eq(to_code(&NoticeStatus::Pending));
    diesel::delete(these().filter(pending)).execute(conn)?;
    diesel::update(these())
        .set((
            notifications::recipient.eq(ERASED),
            notifications::body.eq(ERASED),
        ))
        .execute(conn)?;
    Ok(())
}

/// Withdraws or blanks the notices of these events.
pub(super) fn blank_of_events(conn: &mut DbConnection, events: &[DbId]) -> Result<(), StoreError> {
    let ids: Vec<DbId> = notifications::table
        .filter(notifications::event_id.eq_any(events))
        .select(notifications::id)
        .load(conn)?;
    blank(conn, ids)
}

/// The answers to the SMS commands the case's complainant sent about it: they name it and went
/// to their phone, under ids derived from the messages' (`reply_event_id`).
pub(super) fn erase_replies(conn: &mut DbConnection, complaint: Uuid) -> Result<(), StoreError> {
    let messages: Vec<String> = inbound_messages::table
        .filter(inbound_messages::complaint_id.eq(DbId(complaint)))
        .select(inbound_messages::id)
        .load(conn)?;
    let replies: Vec<DbId> = messages
        .iter()
        .map(|id| DbId(ccms_domain::inbound::reply_event_id(id)))
        .collect();
    blank_of_events(conn, &replies)
}
