//! Legal holds, and the facts that keep a case from erasure (`ccms_domain::privacy::Bar`).

use ccms_domain::authority::ledger::DELIVERED;
use ccms_domain::authority::referral;
use ccms_domain::collective::MatterStatus;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::to_code;
use crate::schema::{appeals, legal_holds, matter_cases, matters, obligations, referrals, reviews};

/// A coordinator's hold on a case: it keeps the case's personal data past its retention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalHold {
    pub complaint_id: Uuid,
    pub reason: String,
    pub placed_by: String,
    pub placed_at: DateTime<Utc>,
}

/// Places the hold, or replaces the case's hold with this one.
pub fn place(conn: &mut DbConnection, hold: &LegalHold) -> Result<(), StoreError> {
    lift(conn, hold.complaint_id)?;
    diesel::insert_into(legal_holds::table)
        .values((
            legal_holds::complaint_id.eq(DbId(hold.complaint_id)),
            legal_holds::reason.eq(&hold.reason),
            legal_holds::placed_by.eq(&hold.placed_by),
            legal_holds::placed_at.eq(DbTime::new(hold.placed_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Lifts the case's hold; whether there was one.
pub fn lift(conn: &mut DbConnection, complaint_id: Uuid) -> Result<bool, StoreError> {
    let gone = diesel::delete(legal_holds::table.find(DbId(complaint_id))).execute(conn)?;
    Ok(gone > 0)
}

pub fn find(conn: &mut DbConnection, complaint_id: Uuid) -> Result<Option<LegalHold>, StoreError> {
    let row: Option<(DbId, String, String, DbTime)> = legal_holds::table
        .find(DbId(complaint_id))
        .first(conn)
        .optional()?;
    Ok(row.map(|(id, reason, placed_by, at)| LegalHold {
        complaint_id: id.0,
        reason,
        placed_by,
        placed_at: at.0,
    }))
}

/// What the stored records say about the bars: a legal hold, an open collective matter, a
/// recorded appeal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    pub legal_hold: bool,
    pub in_open_matter: bool,
    pub appealed: bool,
    pub review_pending: bool,
    pub obligations_open: bool,
    pub referral_open: bool,
}

pub fn held(conn: &mut DbConnection, complaint_id: Uuid) -> Result<Held, StoreError> {
    let id = DbId(complaint_id);
    let legal_hold = find(conn, complaint_id)?.is_some();
    let open = matters::table
        .filter(matters::status.eq(to_code(&MatterStatus::Open)))
        .select(matters::id);
    let open_matters: i64 = matter_cases::table
        .filter(matter_cases::complaint_id.eq(id))
        .filter(matter_cases::matter_id.eq_any(open))
        .count()
        .get_result(conn)?;
    let appeals: i64 = appeals::table
        .filter(appeals::complaint_id.eq(id))
        .count()
        .get_result(conn)?;
    let reviews: i64 = reviews::table
        .filter(reviews::complaint_id.eq(id))
        .filter(reviews::result.is_null())
        .count()
        .get_result(conn)?;
    let open_obligations: i64 = obligations::table
        .filter(obligations::complaint_id.eq(id))
        .filter(obligations::status.ne_all(DELIVERED.iter().map(to_code).collect::<Vec<_>>()))
        .count()
        .get_result(conn)?;
    let still_worked: Vec<String> = referral::still_worked().iter().map(to_code).collect();
    let referrals: i64 = referrals::table
        .filter(referrals::complaint_id.eq(id))
        .filter(referrals::status.eq_any(still_worked))
        .count()
        .get_result(conn)?;
    Ok(Held {
        referral_open: referrals > 0,
        legal_hold,
        in_open_matter: open_matters > 0,
        appealed: appeals > 0,
        review_pending: reviews > 0,
        obligations_open: open_obligations > 0,
    })
}
