//! The compensation ledger: obligations of a case, each moved with optimistic concurrency.

use ccms_domain::authority::ledger::{
    FALLS_OVERDUE_FROM, Obligation, ObligationKind, ObligationStatus,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::obligations;

pub(crate) type Row = (
    DbId,
    DbId,
    String,
    i64,
    DbTime,
    String,
    Option<String>,
    Option<DbTime>,
    Option<DbTime>,
    i64,
    DbTime,
    Option<String>,
    Option<DbTime>,
    Option<String>,
);

pub(crate) fn into_domain(row: Row) -> Result<Obligation, StoreError> {
    let (
        id,
        complaint_id,
        kind,
        amount,
        due,
        status,
        reference,
        paid,
        confirmed,
        version,
        created,
        dispute_reason,
        _reminded,
        payout_failure,
    ) = row;
    let kind: ObligationKind = from_code(&kind)?;
    let (payer, receiver) = kind.parties();
    Ok(Obligation {
        id: id.0,
        complaint_id: complaint_id.0,
        kind,
        payer,
        receiver,
        amount_poisha: amount,
        due_at: due.0,
        status: from_code(&status)?,
        reference,
        dispute_reason,
        paid_at: paid.map(|t| t.0),
        confirmed_at: confirmed.map(|t| t.0),
        version,
        created_at: created.0,
        payout_failure,
    })
}

/// `Conflict("kind")` if the case already has an obligation of this kind.
pub fn insert(conn: &mut DbConnection, o: &Obligation) -> Result<(), StoreError> {
    diesel::insert_into(obligations::table)
        .values((
            obligations::id.eq(DbId(o.id)),
            obligations::complaint_id.eq(DbId(o.complaint_id)),
            obligations::kind.eq(to_code(&o.kind)),
            obligations::amount_poisha.eq(o.amount_poisha),
            obligations::due_at.eq(DbTime::new(o.due_at)),
            obligations::status.eq(to_code(&o.status)),
            obligations::version.eq(o.version),
            obligations::created_at.eq(DbTime::new(o.created_at)),
        ))
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict("kind".into()),
            other => other,
        })?;
    Ok(())
}

pub fn for_complaint(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Vec<Obligation>, StoreError> {
    let rows: Vec<Row> = obligations::table
        .filter(obligations::complaint_id.eq(DbId(complaint_id)))
        .order((obligations::created_at.asc(), obligations::id.asc()))
        .load(conn)?;
    rows.into_iter().map(into_domain).collect()
}

pub fn find(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    id: Uuid,
) -> Result<Obligation, StoreError> {
    let row: Row = obligations::table
        .filter(obligations::complaint_id.eq(DbId(complaint_id)))
        .filter(obligations::id.eq(DbId(id)))
        .first(conn)?;
    into_domain(row)
}

/// Writes a new status (and reference, times) if the obligation is still at `current.version`.
pub fn record_step(
    conn: &mut DbConnection,
    current: &Obligation,
    after: &Obligation,
) -> Result<(), StoreError> {
    let changed = diesel::update(
        obligations::table
            .filter(obligations::id.eq(DbId(current.id)))
            .filter(obligations::version.eq(current.version)),
    )
    .set((
        obligations::status.eq(to_code(&after.status)),
        obligations::reference.eq(&after.reference),
        obligations::dispute_reason.eq(&after.dispute_reason),
        obligations::paid_at.eq(after.paid_at.map(DbTime::new)),
        obligations::confirmed_at.eq(after.confirmed_at.map(DbTime::new)),
        obligations::payout_failure.eq(&after.payout_failure),
        obligations::version.eq(current.version + 1),
    ))
    .execute(conn)?;
    if changed == 1 {
        Ok(())
    } else {
        Err(StoreError::StaleVersion {
            current: current.version,
        })
    }
}

/// Marks every obligation that `ccms_domain::authority::ledger::falls_overdue` at `now` overdue, and returns them as they
/// now stand (for their timeline, audit and outbox entries).
pub fn mark_overdue(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> Result<Vec<Obligation>, StoreError> {
    let rows: Vec<Row> = diesel::update(
        obligations::table
            .filter(
                obligations::status
                    .eq_any(FALLS_OVERDUE_FROM.iter().map(to_code).collect::<Vec<_>>()),
            )
            .filter(obligations::due_at.le(DbTime::new(now))),
    )
    .set((
        obligations::status.eq(to_code(&ObligationStatus::Overdue)),
        obligations::version.eq(obligations::version + 1),
    ))
    .returning(obligations::all_columns)
    .get_results(conn)?;
    rows.into_iter().map(into_domain).collect()
}

/// Obligations marked paid at or before `paid_by`, oldest first, at most `limit`: those the
/// consumer's silence may have confirmed (the domain's `confirmed_by_silence` decides).
pub fn paid_by(
    conn: &mut DbConnection,
    paid_by: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Obligation>, StoreError> {
    let rows: Vec<Row> = obligations::table
        .filter(obligations::status.eq(to_code(&ObligationStatus::Paid)))
        .filter(obligations::paid_at.le(DbTime::new(paid_by)))
        .order((obligations::paid_at.asc(), obligations::id.asc()))
        .limit(limit)
        .load(conn)?;
    rows.into_iter().map(into_domain).collect()
}

/// Marks every unpaid obligation falling due by `until` (and not yet due at `now`) that was not
/// reminded of yet, and returns them: each is reminded of once.
pub fn mark_reminded(
    conn: &mut DbConnection,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Obligation>, StoreError> {
    let rows: Vec<Row> = diesel::update(
        obligations::table
            .filter(obligations::status.eq(to_code(&ObligationStatus::Owed)))
            .filter(obligations::reminded_at.is_null())
            .filter(obligations::due_at.le(DbTime::new(until)))
            .filter(obligations::due_at.gt(DbTime::new(now))),
    )
    .set(obligations::reminded_at.eq(Some(DbTime::new(now))))
    .returning(obligations::all_columns)
    .get_results(conn)?;
    rows.into_iter().map(into_domain).collect()
}
