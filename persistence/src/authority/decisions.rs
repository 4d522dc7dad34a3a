//! The decision on a case: one per case.

use ccms_domain::authority::decision::DecisionRecord;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::decisions;

type Row = (DbId, String, i64, i64, String, String, DbTime, DbTime);

pub fn insert(conn: &mut DbConnection, d: &DecisionRecord) -> Result<(), StoreError> {
    diesel::insert_into(decisions::table)
        .values((
            decisions::complaint_id.eq(DbId(d.complaint_id)),
            decisions::verdict.eq(to_code(&d.verdict)),
            decisions::fine_poisha.eq(d.fine_poisha),
            decisions::compensation_poisha.eq(d.compensation_poisha),
            decisions::reasons.eq(&d.reasons),
            decisions::decided_by.eq(&d.decided_by),
            decisions::decided_at.eq(DbTime::new(d.decided_at)),
            decisions::appeal_until.eq(DbTime::new(d.appeal_until)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Option<DecisionRecord>, StoreError> {
    let row: Option<Row> = decisions::table
        .find(DbId(complaint_id))
        .first(conn)
        .optional()?;
    row.map(
        |(id, verdict, fine, compensation, reasons, by, at, appeal)| {
            Ok(DecisionRecord {
                complaint_id: id.0,
                verdict: from_code(&verdict)?,
                fine_poisha: fine,
                compensation_poisha: compensation,
                reasons,
                decided_by: by,
                decided_at: at.0,
                appeal_until: appeal.0,
            })
        },
    )
    .transpose()
}
