//! Reviews of how a case ended: one per case, asked for, then decided.

use ccms_domain::authority::review::Review;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::reviews;

type Row = (
    DbId,
    String,
    DbTime,
    DbTime,
    DbId,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<DbTime>,
    Option<DbTime>,
);

/// `Conflict("review")` when the case already has one.
pub fn insert(conn: &mut DbConnection, review: &Review) -> Result<(), StoreError> {
    diesel::insert_into(reviews::table)
        .values((
            reviews::complaint_id.eq(DbId(review.complaint_id)),
            reviews::reason.eq(&review.reason),
            reviews::requested_at.eq(DbTime::new(review.requested_at)),
            reviews::due_at.eq(DbTime::new(review.due_at)),
            reviews::reviewer.eq(DbId(review.reviewer)),
            reviews::earlier_outcome.eq(to_code(&review.earlier_outcome)),
        ))
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict("review".into()),
            other => other,
        })?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, complaint_id: Uuid) -> Result<Option<Review>, StoreError> {
    let row: Option<Row> = reviews::table
        .find(DbId(complaint_id))
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}

fn into_domain(row: Row) -> Result<Review, StoreError> {
    let (case, reason, requested, due, reviewer, earlier, result, outcome, reasons, decided, _) =
        row;
    Ok(Review {
        complaint_id: case.0,
        reason,
        requested_at: requested.0,
        due_at: due.0,
        reviewer: reviewer.0,
        earlier_outcome: from_code(&earlier)?,
        result: result.as_deref().map(from_code).transpose()?,
        outcome: outcome.as_deref().map(from_code).transpose()?,
        reasons,
        decided_at: decided.map(|t| t.0),
    })
}

/// Marks every undecided review past its due time that was not flagged yet, and returns them.
pub fn mark_overdue(
    conn: &mut DbConnection,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Review>, StoreError> {
    let rows: Vec<Row> = diesel::update(
        reviews::table
            .filter(reviews::result.is_null())
            .filter(reviews::flagged_at.is_null())
            .filter(reviews::due_at.le(DbTime::new(now))),
    )
    .set(reviews::flagged_at.eq(Some(DbTime::new(now))))
    .returning(reviews::all_columns)
    .get_results(conn)?;
    rows.into_iter().map(into_domain).collect()
}

/// Records the reviewer's result on an undecided review.
pub fn decide(conn: &mut DbConnection, review: &Review) -> Result<(), StoreError> {
    let changed = diesel::update(
        reviews::table
            .filter(reviews::complaint_id.eq(DbId(review.complaint_id)))
            .filter(reviews::result.is_null()),
    )
    .set((
        reviews::result.eq(review.result.as_ref().map(to_code)),
        reviews::outcome.eq(review.outcome.as_ref().map(to_code)),
        reviews::reasons.eq(&review.reasons),
        reviews::decided_at.eq(review.decided_at.map(DbTime::new)),
    ))
    .execute(conn)?;
    if changed == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict("review".into()))
    }
}
