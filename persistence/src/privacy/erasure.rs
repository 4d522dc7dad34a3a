//! Erasing a case's personal data where CCMS keeps it, in the caller's transaction: the phone
//! and e-mail, the narrative (kept as the open dataset publishes it, or gone), the person's
//! words on the timeline and in the outbox, webhook and referral bodies, the notices' texts and
//! addresses, file names (the bytes go from the object store after the commit), and the search
//! words. Dates, states, amounts and categories stay for the statistics and scorecards.

use ccms_domain::complaint::{Complaint, State};
use ccms_domain::privacy::{ERASED, erased_narrative};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::complaints::search;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::to_code;
use crate::schema::{
    accounts, appeals, complaint_contacts, complaint_search, complaints, evidence, legal_holds,
    notifications, otp_challenges,
};

/// Closed cases not erased yet whose closing is at `cutoff` or before (and after `after`, to
/// page), that no coordinator holds and no appeal names, oldest first, with their closing; the
/// domain's bars are checked on each before it is erased.
pub fn due(
    conn: &mut DbConnection,
    cutoff: DateTime<Utc>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<(Uuid, DateTime<Utc>)>, StoreError> {
    let finished: Vec<String> = State::finished().map(|s| to_code(&s)).collect();
    let held = legal_holds::table.select(legal_holds::complaint_id);
    let appealed = appeals::table.select(appeals::complaint_id);
    let mut query = complaints::table
        .filter(complaints::erased_at.is_null())
        .filter(complaints::closed_at.le(DbTime::new(cutoff)))
        .filter(complaints::state.eq_any(finished))
        .filter(complaints::id.ne_all(held))
        .filter(complaints::id.ne_all(appealed))
        .order((complaints::closed_at.asc(), complaints::id.asc()))
        .select((complaints::id, complaints::closed_at))
        .limit(limit)
        .into_boxed();
    // Paged by (closing, id): cases closed at one instant (a sweep closes many) are all seen.
    if let Some((at, id)) = after {
        let at = DbTime::new(at);
        query = query.filter(
            complaints::closed_at.gt(at).or(complaints::closed_at
                .eq(at)
                .and(complaints::id.gt(DbId(id)))),
        );
    }
    let rows: Vec<(DbId, Option<DbTime>)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at)| Some((id.0, at?.0)))
        .collect())
}

/// Erases `case`'s personal data at `now`; the evidence whose bytes are to go from the
/// object store after the commit. `keep_published`: a narrative published with consent keeps
/// its published form (retention); otherwise (the consumer's own request) consent ends and the
/// narrative goes too.
pub fn erase(
    conn: &mut DbConnection,
    case: &Complaint,
    now: DateTime<Utc>,
    keep_published: bool,
) -> Result<Vec<Uuid>, StoreError> {
    let id = DbId(case.id);
    let published = case.filing.consent_to_publish && keep_published;
    let narrative = erased_narrative(case.filing.description.as_str(), published);
    diesel::update(complaints::table.find(id))
        .set((
            complaints::consumer_phone.eq(ERASED),
            complaints::subject.eq(ERASED),
            complaints::description.eq(narrative),
            complaints::order_reference.eq(None::<String>),
            complaints::consent_to_publish.eq(published),
            // Nothing left to run: the worker never wakes an erased case.
            complaints::clocks.eq(DbJson(serde_json::json!([]))),
            complaints::due_at.eq(None::<DbTime>),
            complaints::wake_at.eq(None::<DbTime>),
            complaints::erased_at.eq(DbTime::new(now)),
            complaints::version.eq(complaints::version + 1),
            complaints::updated_at.eq(DbTime::new(now)),
        ))
        .execute(conn)?;
    diesel::update(complaint_contacts::table.find(id))
        .set(complaint_contacts::email.eq(None::<String>))
        .execute(conn)?;
    let files: Vec<DbId> = evidence::table
        .filter(evidence::complaint_id.eq(id))
        .select(evidence::id)
        .load(conn)?;
    diesel::update(evidence::table.filter(evidence::complaint_id.eq(id)))
        .set((
            evidence::file_name.eq(ERASED),
            evidence::erased_at.eq(DbTime::new(now)),
        ))
        .execute(conn)?;
    super::texts::erase_texts(conn, case.id)?;
    super::texts::erase_documents(conn, case.id)?;
    super::notices::erase_replies(conn, case.id)?;
    diesel::delete(complaint_search::table.filter(complaint_search::complaint_id.eq(id)))
        .execute(conn)?;
    search::index_stored(conn, case.id)?;
    Ok(files.into_iter().map(|f| f.0).collect())
}

/// An erased case's complainant withdraws consent: the narrative it kept in its published
/// form goes too.
pub fn unpublish(
    conn: &mut DbConnection,
    complaint: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(complaints::table.find(DbId(complaint)))
        .set((
            complaints::consent_to_publish.eq(false),
            complaints::description.eq(ERASED),
            complaints::version.eq(complaints::version + 1),
            complaints::updated_at.eq(DbTime::new(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Erases a consumer's account once none of their cases keeps personal data: no phone, e-mail
/// or name, disabled and signed out everywhere; the sign-in codes their phone asked for go too.
/// Signing in with the number again starts a new account.
pub fn erase_account(
    conn: &mut DbConnection,
    account: Uuid,
    phone: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(accounts::table.find(DbId(account)))
        .set((
            accounts::phone.eq(None::<String>),
            accounts::email.eq(None::<String>),
            accounts::display_name.eq(None::<String>),
            accounts::disabled.eq(true),
            accounts::updated_at.eq(DbTime::new(now)),
        ))
        .execute(conn)?;
    crate::identity::refresh_tokens::revoke_account(conn, account)?;
    if let Some(phone) = phone {
        diesel::delete(otp_challenges::table.filter(otp_challenges::phone.eq(phone)))
            .execute(conn)?;
        // The sign-in codes and answers that went to the number.
        let to_phone: Vec<DbId> = notifications::table
            .filter(notifications::recipient.eq(phone))
            .select(notifications::id)
            .load(conn)?;
        super::notices::blank(conn, to_phone)?;
    }
    Ok(())
}
