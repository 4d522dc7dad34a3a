//! Businesses' public responses: written (and rewritten until published), moderated, read.

use ccms_domain::transparency::response::{PublicResponse, ResponseStatus};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::public_responses;

type Row = (DbId, String, String, DbTime, Option<DbTime>, Option<String>);

fn into_domain(row: Row) -> Result<PublicResponse, StoreError> {
    let (case, text, status, submitted_at, moderated_at, reason) = row;
    Ok(PublicResponse {
        complaint_id: case.0,
        text,
        status: from_code(&status)?,
        submitted_at: submitted_at.0,
        moderated_at: moderated_at.map(|t| t.0),
        reason,
    })
}

fn columns() -> (
    public_responses::complaint_id,
    public_responses::text,
    public_responses::status,
    public_responses::submitted_at,
    public_responses::moderated_at,
    public_responses::reason,
) {
    (
        public_responses::complaint_id,
        public_responses::text,
        public_responses::status,
        public_responses::submitted_at,
        public_responses::moderated_at,
        public_responses::reason,
    )
}

pub fn find(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Option<PublicResponse>, StoreError> {
    let row: Option<Row> = public_responses::table
        .find(DbId(complaint_id))
        .select(columns())
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}

/// Writes the business's text as pending (replacing a pending or rejected one).
pub fn write(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    (text, by): (&str, &str),
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::delete(public_responses::table.find(DbId(complaint_id))).execute(conn)?;
    diesel::insert_into(public_responses::table)
        .values((
            public_responses::complaint_id.eq(DbId(complaint_id)),
            public_responses::text.eq(text),
            public_responses::status.eq(to_code(&ResponseStatus::Pending)),
            public_responses::submitted_by.eq(by),
            public_responses::submitted_at.eq(DbTime::new(at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a coordinator's decision on a pending response.
pub fn moderate(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    (status, reason, by): (ResponseStatus, Option<&str>, &str),
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(public_responses::table.find(DbId(complaint_id)))
        .set((
            public_responses::status.eq(to_code(&status)),
            public_responses::reason.eq(reason),
            public_responses::moderated_by.eq(Some(by)),
            public_responses::moderated_at.eq(Some(DbTime::new(at))),
        ))
        .execute(conn)?;
    Ok(())
}

/// Responses waiting for a coordinator, oldest first, at most `limit`.
pub fn pending(conn: &mut DbConnection, limit: i64) -> Result<Vec<PublicResponse>, StoreError> {
    let rows: Vec<Row> = public_responses::table
        .filter(public_responses::status.eq(to_code(&ResponseStatus::Pending)))
        .order(public_responses::submitted_at.asc())
        .limit(limit)
        .select(columns())
        .load(conn)?;
    rows.into_iter().map(into_domain).collect()
}
