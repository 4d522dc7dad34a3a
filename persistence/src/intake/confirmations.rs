//! The confirmation a held case waits for: the code's keyed digest (never the code), the tries
//! left, and the event its SMS went out under (to hide the code in the notice log once used).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::types::{DbId, DbTime};
use crate::db::{Batch, DbConnection};
use crate::schema::{complaints, intake_confirmations};

/// What a held case waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub complaint_id: Uuid,
    pub code_digest: String,
    pub attempts_left: i32,
    pub notice_event_id: Uuid,
    pub confirmed_at: Option<DateTime<Utc>>,
}

type PendingRow = (DbId, String, i32, DbId, Option<DbTime>);

fn pending((id, digest, left, event, at): PendingRow) -> Pending {
    Pending {
        complaint_id: id.0,
        code_digest: digest,
        attempts_left: left,
        notice_event_id: event.0,
        confirmed_at: at.map(|t| t.0),
    }
}

/// The confirmation of a case just filed, in the filing's batch.
pub fn save_batched(
    batch: &mut Batch<'_>,
    complaint_id: Uuid,
    code_digest: String,
    attempts: i32,
    notice_event_id: Uuid,
) {
    batch.push(diesel::insert_into(intake_confirmations::table).values((
        intake_confirmations::complaint_id.eq(DbId(complaint_id)),
        intake_confirmations::code_digest.eq(code_digest),
        intake_confirmations::attempts_left.eq(attempts),
        intake_confirmations::notice_event_id.eq(DbId(notice_event_id)),
    )));
}

pub fn find(conn: &mut DbConnection, complaint_id: Uuid) -> Result<Option<Pending>, StoreError> {
    let row: Option<PendingRow> = intake_confirmations::table
        .find(DbId(complaint_id))
        .select(columns())
        .first(conn)
        .optional()?;
    Ok(row.map(pending))
}

/// The confirmations still waiting on cases filed for `phone` that are still held and have
/// tries left, newest first: what a code sent from that phone may confirm.
pub fn waiting_for_phone(conn: &mut DbConnection, phone: &str) -> Result<Vec<Pending>, StoreError> {
    let rows: Vec<PendingRow> = intake_confirmations::table
        .inner_join(complaints::table)
        .filter(complaints::consumer_phone.eq(phone))
        .filter(complaints::state.eq("submitted"))
        .filter(intake_confirmations::confirmed_at.is_null())
        .filter(intake_confirmations::attempts_left.gt(0))
        .order(complaints::created_at.desc())
        .limit(20)
        .select(columns())
        .load(conn)?;
    Ok(rows.into_iter().map(pending).collect())
}

fn columns() -> (
    intake_confirmations::complaint_id,
    intake_confirmations::code_digest,
    intake_confirmations::attempts_left,
    intake_confirmations::notice_event_id,
    intake_confirmations::confirmed_at,
) {
    (
        intake_confirmations::complaint_id,
        intake_confirmations::code_digest,
        intake_confirmations::attempts_left,
        intake_confirmations::notice_event_id,
        intake_confirmations::confirmed_at,
    )
}

/// What the notice log keeps of a code's SMS once the case no longer waits for it.
const HIDDEN: &str = "CCMS: confirmation code (hidden once the case stopped waiting for it)";

/// Hides the code's SMS of `complaint_id` (withdrawn if not sent yet), if it has one.
pub fn hide_code(conn: &mut DbConnection, complaint_id: Uuid) -> Result<(), StoreError> {
    if let Some(pending) = find(conn, complaint_id)? {
        crate::notifications::hide_body(conn, pending.notice_event_id, HIDDEN)?;
    }
    Ok(())
}

/// One wrong code spent.
pub fn spend_attempt(conn: &mut DbConnection, complaint_id: Uuid) -> Result<(), StoreError> {
    diesel::update(intake_confirmations::table.find(DbId(complaint_id)))
        .set(intake_confirmations::attempts_left.eq(intake_confirmations::attempts_left - 1))
        .execute(conn)?;
    Ok(())
}

/// Confirmed at `at` by `via` (`sms`, `operator`, `app`).
pub fn confirm(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    via: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(intake_confirmations::table.find(DbId(complaint_id)))
        .set((
            intake_confirmations::confirmed_at.eq(Some(DbTime::new(at))),
            intake_confirmations::confirmed_via.eq(Some(via.to_owned())),
        ))
        .execute(conn)?;
    Ok(())
}
