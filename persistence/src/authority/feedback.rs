//! The consumer's verdict on a closed case (resolved or not, and a rating): one per case.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::feedback;

/// `Conflict("complaint_id")` when the case already has its feedback.
pub fn insert(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    (resolved, rating, comment): (bool, i32, Option<&str>),
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::insert_into(feedback::table)
        .values((
            feedback::complaint_id.eq(DbId(complaint_id)),
            feedback::rating.eq(rating),
            feedback::resolved.eq(Some(resolved)),
            feedback::comment.eq(comment),
            feedback::created_at.eq(DbTime::new(at)),
        ))
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict("feedback".into()),
            other => other,
        })?;
    Ok(())
}

/// A rating, its comment, when it was given, and the verdict (none on ratings from before it).
pub type Feedback = (i32, Option<String>, DateTime<Utc>, Option<bool>);

pub fn find(conn: &mut DbConnection, complaint_id: Uuid) -> Result<Option<Feedback>, StoreError> {
    let row: Option<(i32, Option<String>, DbTime, Option<bool>)> = feedback::table
        .find(DbId(complaint_id))
        .select((
            feedback::rating,
            feedback::comment,
            feedback::created_at,
            feedback::resolved,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(rating, comment, at, resolved)| (rating, comment, at.0, resolved)))
}
