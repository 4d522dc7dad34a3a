//! Evidence records; the bytes themselves are kept in the object store (`objects`).

use ccms_domain::complaint::evidence::EvidenceKind;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::evidence;

#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub id: Uuid,
    pub complaint_id: Uuid,
    pub file_name: String,
    pub kind: EvidenceKind,
    pub size_bytes: i64,
    /// Hex SHA-256 of the bytes, for the referral packet and for integrity checks.
    pub sha256: String,
    pub uploaded_by: String,
    pub role: String,
    pub uploaded_at: DateTime<Utc>,
    /// When its bytes were erased with the case's personal data.
    pub erased_at: Option<DateTime<Utc>>,
}

type Row = (
    DbId,
    DbId,
    String,
    String,
    i64,
    String,
    String,
    String,
    DbTime,
    Option<DbTime>,
);

fn from_row(
    (id, complaint_id, file_name, kind, size_bytes, sha256, uploaded_by, role, at, erased): Row,
) -> Result<Evidence, StoreError> {
    Ok(Evidence {
        id: id.0,
        complaint_id: complaint_id.0,
        file_name,
        kind: from_code(&kind)?,
        size_bytes,
        sha256,
        uploaded_by,
        role,
        uploaded_at: at.0,
        erased_at: erased.map(|t| t.0),
    })
}

pub fn insert(conn: &mut DbConnection, item: &Evidence) -> Result<(), StoreError> {
    diesel::insert_into(evidence::table)
        .values((
            evidence::id.eq(DbId(item.id)),
            evidence::complaint_id.eq(DbId(item.complaint_id)),
            evidence::file_name.eq(&item.file_name),
            evidence::kind.eq(to_code(&item.kind)),
            evidence::size_bytes.eq(item.size_bytes),
            evidence::sha256.eq(&item.sha256),
            evidence::uploaded_by.eq(&item.uploaded_by),
            evidence::role.eq(&item.role),
            evidence::uploaded_at.eq(DbTime::new(item.uploaded_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn of_complaint(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Vec<Evidence>, StoreError> {
    let rows: Vec<Row> = evidence::table
        .filter(evidence::complaint_id.eq(DbId(complaint_id)))
        .order(evidence::id.asc())
        .load(conn)?;
    rows.into_iter().map(from_row).collect()
}

pub fn find(conn: &mut DbConnection, complaint_id: Uuid, id: Uuid) -> Result<Evidence, StoreError> {
    let row: Row = evidence::table
        .filter(evidence::complaint_id.eq(DbId(complaint_id)))
        .filter(evidence::id.eq(DbId(id)))
        .first(conn)?;
    from_row(row)
}

/// Of these evidence ids, the ones recorded, each with its case and whether its bytes were
/// erased; an id missing from the answer has no record.
pub fn standing(
    conn: &mut DbConnection,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, (Uuid, bool)>, StoreError> {
    let ids: Vec<DbId> = ids.iter().copied().map(DbId).collect();
    let rows: Vec<(DbId, DbId, Option<DbTime>)> = evidence::table
        .filter(evidence::id.eq_any(ids))
        .select((evidence::id, evidence::complaint_id, evidence::erased_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, case, erased)| (id.0, (case.0, erased.is_some())))
        .collect())
}
