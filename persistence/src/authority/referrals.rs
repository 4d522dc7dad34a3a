//! Referrals of cases to sector regulators. Listed per agency, so a regulator sees its own.

use ccms_domain::authority::referral::{Referral, ReferralStatus};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::{complaint_agencies, referrals};
use crate::{Page, PageRequest, StoreError};

#[derive(Queryable)]
struct Row {
    id: DbId,
    complaint_id: DbId,
    agency_code: String,
    status: String,
    regulator_reference: Option<String>,
    reason: Option<String>,
    outcome: Option<String>,
    referred_by: String,
    sent_at: DbTime,
    acknowledged_at: Option<DbTime>,
    decided_at: Option<DbTime>,
    concluded_at: Option<DbTime>,
    version: i64,
}

impl Row {
    fn into_domain(self) -> Result<Referral, StoreError> {
        Ok(Referral {
            id: self.id.0,
            complaint_id: self.complaint_id.0,
            agency_code: self.agency_code,
            status: from_code(&self.status)?,
            regulator_reference: self.regulator_reference,
            reason: self.reason,
            outcome: self.outcome,
            referred_by: self.referred_by,
            sent_at: self.sent_at.0,
            acknowledged_at: self.acknowledged_at.map(|t| t.0),
            decided_at: self.decided_at.map(|t| t.0),
            concluded_at: self.concluded_at.map(|t| t.0),
            version: self.version,
        })
    }
}

/// Refers a case to an agency; a case already referred there keeps its referral (`false`).
pub fn open(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    agency_code: &str,
    referred_by: &str,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let insert = diesel::insert_into(referrals::table)
        .values((
            referrals::id.eq(DbId(Uuid::now_v7())),
            referrals::complaint_id.eq(DbId(complaint_id)),
            referrals::agency_code.eq(agency_code),
            referrals::status.eq(to_code(&ReferralStatus::Sent)),
            referrals::referred_by.eq(referred_by),
            referrals::sent_at.eq(DbTime::new(at)),
            referrals::version.eq(1_i64),
        ))
        .on_conflict_do_nothing();
    let inserted = match conn {
        DbConnection::Pg(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    // The case's agencies: what regulators' case lists and case reads go by.
    let listed = diesel::insert_into(complaint_agencies::table)
        .values((
            complaint_agencies::complaint_id.eq(DbId(complaint_id)),
            complaint_agencies::agency_code.eq(agency_code),
            complaint_agencies::relation.eq("referral"),
        ))
        .on_conflict_do_nothing();
    match conn {
        DbConnection::Pg(pg) => listed.execute(pg)?,
        DbConnection::Sqlite(sqlite) => listed.execute(sqlite)?,
    };
    Ok(inserted == 1)
}

/// Opens the referral as part of `batch` (a case filed and referred at once: the case's row
/// is in the same batch). A case already referred there keeps its referral.
pub fn open_batched(
    batch: &mut crate::db::Batch<'_>,
    complaint_id: Uuid,
    agency_code: &str,
    referred_by: &str,
    at: DateTime<Utc>,
) {
    batch.push(
        diesel::insert_into(referrals::table)
            .values((
                referrals::id.eq(DbId(Uuid::now_v7())),
                referrals::complaint_id.eq(DbId(complaint_id)),
                referrals::agency_code.eq(agency_code.to_owned()),
                referrals::status.eq(to_code(&ReferralStatus::Sent)),
                referrals::referred_by.eq(referred_by.to_owned()),
                referrals::sent_at.eq(DbTime::new(at)),
                referrals::version.eq(1_i64),
            ))
            .on_conflict_do_nothing(),
    );
    batch.push(
        diesel::insert_into(complaint_agencies::table)
            .values((
                complaint_agencies::complaint_id.eq(DbId(complaint_id)),
                complaint_agencies::agency_code.eq(agency_code.to_owned()),
                complaint_agencies::relation.eq("referral"),
            ))
            .on_conflict_do_nothing(),
    );
}

/// Whether a case has been referred to `agency_code` (by policy on escalation, or by an officer).
pub fn is_referred(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    agency_code: &str,
) -> Result<bool, StoreError> {
    let found: i64 = referrals::table
        .filter(referrals::complaint_id.eq(DbId(complaint_id)))
        .filter(referrals::agency_code.eq(agency_code))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Referral, StoreError> {
    let row: Row = referrals::table.find(DbId(id)).first(conn)?;
    row.into_domain()
}

pub fn for_complaint(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<Vec<Referral>, StoreError> {
    let rows: Vec<Row> = referrals::table
        .filter(referrals::complaint_id.eq(DbId(complaint_id)))
        .order(referrals::id.asc())
        .load(conn)?;
    rows.into_iter().map(Row::into_domain).collect()
}

/// One page of referrals, all of them or one agency's.
pub fn list(
    conn: &mut DbConnection,
    agency: Option<&str>,
    page: &PageRequest,
) -> Result<Page<Referral>, StoreError> {
    let limit = page.limit();
    let mut query = referrals::table
        .into_boxed()
        .order(referrals::id.asc())
        .limit(limit + 1);
    if let Some(after) = page.after()? {
        query = query.filter(referrals::id.gt(DbId(after)));
    }
    if let Some(code) = agency {
        query = query.filter(referrals::agency_code.eq(code.to_owned()));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items: Vec<Referral> = rows
        .into_iter()
        .map(Row::into_domain)
        .collect::<Result<_, _>>()?;
    Ok(Page::from_rows(items, limit, |r| r.id))
}

/// Writes the referral's next status and what came with it, if it is still at `current.version`.
pub fn record_step(
    conn: &mut DbConnection,
    current: &Referral,
    after: &Referral,
) -> Result<(), StoreError> {
    let changed = diesel::update(
        referrals::table
            .filter(referrals::id.eq(DbId(current.id)))
            .filter(referrals::version.eq(current.version)),
    )
    .set((
        referrals::status.eq(to_code(&after.status)),
        referrals::regulator_reference.eq(&after.regulator_reference),
        referrals::reason.eq(&after.reason),
        referrals::outcome.eq(&after.outcome),
        referrals::acknowledged_at.eq(after.acknowledged_at.map(DbTime::new)),
        referrals::decided_at.eq(after.decided_at.map(DbTime::new)),
        referrals::concluded_at.eq(after.concluded_at.map(DbTime::new)),
        referrals::version.eq(current.version + 1),
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
