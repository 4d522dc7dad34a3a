//! A case's proposed remedies (offers), kept with what became of each, and the case's flag that
//! its remedy is failing the consumer (worked out by the domain's ledger, written here).

use ccms_domain::complaint::offer::{Offer, OfferStatus};
use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::{complaints, offers};

type Row = (
    DbId,
    DbId,
    String,
    Option<i64>,
    NaiveDate,
    Option<String>,
    String,
    DbTime,
);

fn into_domain(row: Row) -> Result<Offer, StoreError> {
    let (id, complaint_id, remedy, amount_poisha, promised_by, note, status, proposed_at) = row;
    Ok(Offer {
        id: id.0,
        complaint_id: complaint_id.0,
        remedy: from_code(&remedy)?,
        amount_poisha,
        promised_by,
        note,
        status: from_code(&status)?,
        proposed_at: proposed_at.0,
    })
}

pub fn insert_offer(conn: &mut DbConnection, offer: &Offer) -> Result<(), StoreError> {
    diesel::insert_into(offers::table)
        .values((
            offers::id.eq(DbId(offer.id)),
            offers::complaint_id.eq(DbId(offer.complaint_id)),
            offers::remedy.eq(to_code(&offer.remedy)),
            offers::amount_poisha.eq(offer.amount_poisha),
            offers::promised_by.eq(offer.promised_by),
            offers::note.eq(&offer.note),
            offers::status.eq(to_code(&offer.status)),
            offers::proposed_at.eq(DbTime::new(offer.proposed_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The case's latest proposal, whatever became of it.
pub fn latest_offer(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Option<Offer>, StoreError> {
    let row: Option<Row> = offers::table
        .filter(offers::complaint_id.eq(DbId(complaint_id)))
        .order((offers::proposed_at.desc(), offers::id.desc()))
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}

pub fn set_offer_status(
    conn: &mut DbConnection,
    id: Uuid,
    status: OfferStatus,
) -> Result<(), StoreError> {
    diesel::update(offers::table.filter(offers::id.eq(DbId(id))))
        .set(offers::status.eq(to_code(&status)))
        .execute(conn)?;
    Ok(())
}

/// Records whether the case's remedy is failing the consumer (`ledger::fails_the_consumer`).
pub fn set_remedy_failing(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    failing: bool,
) -> Result<(), StoreError> {
    diesel::update(complaints::table.filter(complaints::id.eq(DbId(complaint_id))))
        .set(complaints::remedy_failing.eq(failing))
        .execute(conn)?;
    Ok(())
}
