//! What CCMS holds about one consumer, read for their own export (a data subject's right of
//! access): their cases, the codes they asked for, and every official's access to their data
//! recorded in the audit log. Each read is bounded.

use ccms_domain::audit::AuditRecord;
use ccms_domain::complaint::Complaint;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::{audit_entries, audit_read_targets, complaints, otp_challenges};

/// At most this many of anything one export lists (cases, codes, accesses): more than a
/// consumer's filing limits allow in years.
pub const EXPORT_CAP: i64 = 5_000;

/// The consumer's cases, oldest first.
pub fn cases_of(conn: &mut DbConnection, consumer_id: Uuid) -> Result<Vec<Complaint>, StoreError> {
    let rows: Vec<crate::complaints::Row> = complaints::table
        .filter(complaints::consumer_id.eq(DbId(consumer_id)))
        .order(complaints::created_at.asc())
        .limit(EXPORT_CAP)
        .load(conn)?;
    rows.into_iter()
        .map(crate::complaints::Row::into_domain)
        .collect()
}

/// A one-time code asked for by the phone: when, and whether it was used to sign in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAsked {
    pub at: DateTime<Utc>,
    pub used: bool,
}

pub fn codes_asked(conn: &mut DbConnection, phone: &str) -> Result<Vec<CodeAsked>, StoreError> {
    let rows: Vec<(DbTime, bool)> = otp_challenges::table
        .filter(otp_challenges::phone.eq(phone))
        .order(otp_challenges::created_at.asc())
        .limit(EXPORT_CAP)
        .select((otp_challenges::created_at, otp_challenges::consumed))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, used)| CodeAsked { at: at.0, used })
        .collect())
}

/// Audit entries of `roles` on any of `targets` (their own, and the list pages that showed
/// them), newest first.
pub fn accesses(
    conn: &mut DbConnection,
    targets: &[String],
    roles: &[&str],
) -> Result<Vec<AuditRecord>, StoreError> {
    let pages = audit_read_targets::table
        .filter(audit_read_targets::target_id.eq_any(targets.to_vec()))
        .select(audit_read_targets::seq);
    let rows: Vec<crate::audit::Row> = audit_entries::table
        .filter(
            audit_entries::target_id
                .eq_any(targets.to_vec())
                .or(audit_entries::seq.eq_any(pages)),
        )
        .filter(audit_entries::role.eq_any(roles.iter().map(|r| (*r).to_owned())))
        .order(audit_entries::seq.desc())
        .limit(EXPORT_CAP)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(crate::audit::Row::into_domain)
        .collect())
}

/// The notices sent to `phone` (theirs: they signed in with it: codes, answers to their texts,
/// case notices), and every notice that told the consumer of one of `cases`, to whichever
/// address it went then (notices to a business, an agency or an operator about the same event
/// carry ids of their own). An address alone never selects: a consumer may name anyone's.
pub fn notices_of(
    conn: &mut DbConnection,
    phone: Option<&str>,
    cases: &[Uuid],
) -> Result<Vec<ccms_domain::delivery::notice::Notice>, StoreError> {
    use crate::schema::{notifications, outbox};
    let events = outbox::table
        .filter(outbox::complaint_id.eq_any(cases.iter().copied().map(DbId).collect::<Vec<_>>()))
        .select(outbox::event_id);
    // A phone-less account has no notices by number (an empty recipient matches nothing).
    let phone = phone
        .map(str::to_owned)
        .unwrap_or_else(|| "\u{0}".to_owned());
    let rows: Vec<crate::notifications::Row> = notifications::table
        .filter(
            notifications::recipient
                .eq(phone)
                .or(notifications::event_id.eq_any(events)),
        )
        .order(notifications::id.asc())
        .limit(EXPORT_CAP)
        .load(conn)?;
    rows.into_iter()
        .map(crate::notifications::Row::into_domain)
        .collect()
}

/// Sets whether the case's narrative may be published (the consumer's consent, revocable).
/// The case's version moves on, so a reader's `ETag` of it goes stale.
pub fn set_consent(
    conn: &mut DbConnection,
    id: Uuid,
    consent: bool,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(complaints::table.find(DbId(id)))
        .set((
            complaints::consent_to_publish.eq(consent),
            complaints::version.eq(complaints::version + 1),
            complaints::updated_at.eq(DbTime::new(at)),
        ))
        .execute(conn)?;
    Ok(())
}
