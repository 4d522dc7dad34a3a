//! Appeals of a case's decision to the court: one per party and case.

use ccms_domain::authority::appeal::Appeal;
use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::appeals;

/// `Conflict("appeal")` when the party already recorded one on the case.
pub fn insert(conn: &mut DbConnection, appeal: &Appeal) -> Result<(), StoreError> {
    diesel::insert_into(appeals::table)
        .values((
            appeals::id.eq(DbId(appeal.id)),
            appeals::complaint_id.eq(DbId(appeal.complaint_id)),
            appeals::party.eq(to_code(&appeal.party)),
            appeals::court.eq(&appeal.court),
            appeals::reference.eq(&appeal.reference),
            appeals::filed_on.eq(appeal.filed_on),
            appeals::recorded_at.eq(DbTime::new(appeal.recorded_at)),
        ))
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict("appeal".into()),
            other => other,
        })?;
    Ok(())
}

type Row = (DbId, DbId, String, String, String, NaiveDate, DbTime);

pub fn for_complaint(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Vec<Appeal>, StoreError> {
    let rows: Vec<Row> = appeals::table
        .filter(appeals::complaint_id.eq(DbId(complaint_id)))
        .order((appeals::recorded_at.asc(), appeals::id.asc()))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, case, party, court, reference, filed_on, at)| {
            Ok(Appeal {
                id: id.0,
                complaint_id: case.0,
                party: from_code(&party)?,
                court,
                reference,
                filed_on,
                recorded_at: at.0,
            })
        })
        .collect()
}
