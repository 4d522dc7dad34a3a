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
/// them), oldest first.
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
        .order(audit_entries::seq.asc())
        .limit(EXPORT_CAP)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(crate::audit::Row::into_domain)
        .collect())
}

/// The notices sent to `phone` (theirs: they signed in with it), and those sent to any other
/// address only when they told of one of `cases` (an address a consumer names may be someone
/// else's: a business's mailbox holds that business's notices, never theirs to read).
pub fn notices_of(
    conn: &mut DbConnection,
    phone: Option<&str>,
    addresses: &[String],
    cases: &[Uuid],
) -> Result<Vec<ccms_domain::delivery::notice::Notice>, StoreError> {
    use crate::schema::{notifications, outbox};
    let events = outbox::table
        .filter(outbox::complaint_id.eq_any(cases.iter().copied().map(DbId).collect::<Vec<_>>()))
        .select(outbox::event_id);
    let to_phone = notifications::recipient.eq(phone.unwrap_or_default().to_owned());
    let about_their_cases = notifications::recipient
        .eq_any(addresses.to_vec())
        .and(notifications::event_id.eq_any(events));
    let rows: Vec<crate::notifications::Row> = notifications::table
        .filter(to_phone.or(about_their_cases))
        .order(notifications::id.asc())
        .limit(EXPORT_CAP)
        .load(conn)?;
    rows.into_iter()
        .map(crate::notifications::Row::into_domain)
        .collect()
}

/// Sets whether the case's narrative may be published (the consumer's consent, revocable).
pub fn set_consent(conn: &mut DbConnection, id: Uuid, consent: bool) -> Result<(), StoreError> {
    diesel::update(complaints::table.find(DbId(id)))
        .set(complaints::consent_to_publish.eq(consent))
        .execute(conn)?;
    Ok(())
}
