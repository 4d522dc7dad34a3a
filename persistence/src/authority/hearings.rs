//! Hearings of a case; a rescheduled hearing stays, marked, with a pointer to its replacement.

use ccms_domain::authority::hearing::{Hearing, HearingStatus};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::hearings;

#[derive(Queryable, Insertable)]
#[diesel(table_name = hearings)]
struct Row {
    id: DbId,
    complaint_id: DbId,
    scheduled_at: DbTime,
    mode: String,
    meeting_link: Option<String>,
    venue: Option<String>,
    status: String,
    reason: Option<String>,
    replaced_by: Option<DbId>,
    attendance: Option<DbJson>,
    minutes: Option<String>,
    created_by: String,
    created_at: DbTime,
    updated_at: DbTime,
}

impl Row {
    fn from_domain(h: &Hearing) -> Row {
        Row {
            id: DbId(h.id),
            complaint_id: DbId(h.complaint_id),
            scheduled_at: DbTime::new(h.scheduled_at),
            mode: to_code(&h.mode),
            meeting_link: h.meeting_link.clone(),
            venue: h.venue.clone(),
            status: to_code(&h.status),
            reason: h.reason.clone(),
            replaced_by: h.replaced_by.map(DbId),
            attendance: h.attendance.as_ref().map(|a| DbJson(serde_json::json!(a))),
            minutes: h.minutes.clone(),
            created_by: h.created_by.clone(),
            created_at: DbTime::new(h.created_at),
            updated_at: DbTime::new(h.updated_at),
        }
    }

    fn into_domain(self) -> Result<Hearing, StoreError> {
        let attendance = match self.attendance {
            Some(json) => Some(
                serde_json::from_value(json.0)
                    .map_err(|e| StoreError::Corrupt(format!("hearing attendance: {e}")))?,
            ),
            None => None,
        };
        Ok(Hearing {
            id: self.id.0,
            complaint_id: self.complaint_id.0,
            scheduled_at: self.scheduled_at.0,
            mode: from_code(&self.mode)?,
            meeting_link: self.meeting_link,
            venue: self.venue,
            status: from_code(&self.status)?,
            reason: self.reason,
            replaced_by: self.replaced_by.map(|id| id.0),
            attendance,
            minutes: self.minutes,
            created_by: self.created_by,
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
        })
    }
}

pub fn insert(conn: &mut DbConnection, hearing: &Hearing) -> Result<(), StoreError> {
    diesel::insert_into(hearings::table)
        .values(Row::from_domain(hearing))
        .execute(conn)?;
    Ok(())
}

/// Writes a hearing's new status and what came with it (reason, replacement, attendance,
/// minutes); only a hearing still `scheduled` changes, so two officers cannot both close it.
pub fn close(
    conn: &mut DbConnection,
    after: &Hearing,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row = Row::from_domain(after);
    let changed = diesel::update(
        hearings::table
            .filter(hearings::id.eq(DbId(after.id)))
            .filter(hearings::status.eq(to_code(&HearingStatus::Scheduled))),
    )
    .set((
        hearings::status.eq(row.status),
        hearings::reason.eq(row.reason),
        hearings::replaced_by.eq(row.replaced_by),
        hearings::attendance.eq(row.attendance),
        hearings::minutes.eq(row.minutes),
        hearings::updated_at.eq(DbTime::new(at)),
    ))
    .execute(conn)?;
    if changed == 1 {
        Ok(())
    } else {
        Err(StoreError::StaleVersion { current: 0 })
    }
}

pub fn find(conn: &mut DbConnection, complaint_id: Uuid, id: Uuid) -> Result<Hearing, StoreError> {
    let row: Row = hearings::table
        .filter(hearings::complaint_id.eq(DbId(complaint_id)))
        .filter(hearings::id.eq(DbId(id)))
        .first(conn)?;
    row.into_domain()
}

/// Every hearing of a case, in the order they were set.
pub fn for_complaint(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Vec<Hearing>, StoreError> {
    let rows: Vec<Row> = hearings::table
        .filter(hearings::complaint_id.eq(DbId(complaint_id)))
        .order((hearings::created_at.asc(), hearings::id.asc()))
        .load(conn)?;
    rows.into_iter().map(Row::into_domain).collect()
}
