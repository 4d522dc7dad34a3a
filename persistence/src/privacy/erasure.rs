//! Erasing a case's personal data where CCMS keeps it, in the caller's transaction: the phone
//! and e-mail, the narrative (kept as the open dataset publishes it, or gone), the person's
//! words on the timeline and in the outbox, webhook and referral bodies, the notices' texts and
//! addresses, file names (the bytes go from the object store after the commit), and the search
//! words. Dates, states, amounts and categories stay for the statistics and scorecards.

use ccms_domain::complaint::{Complaint, State};
use ccms_domain::delivery::notice::NoticeStatus;
use ccms_domain::privacy::{ERASED, erase_fields, erased_narrative};
use ccms_domain::transparency::scrub;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::complaints::search;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::to_code;
use crate::schema::{
    accounts, appeals, complaint_contacts, complaint_events, complaint_search, complaints,
    decisions, deliveries, evidence, feedback, hearings, idempotency_keys, inbound_messages,
    intake_confirmations, legal_holds, notifications, obligations, offers, otp_challenges, outbox,
    public_responses, referrals, reviews,
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
    let finished = [State::Closed, State::Withdrawn, State::Rejected].map(|s| to_code(&s));
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
    erase_texts(conn, case.id)?;
    erase_documents(conn, case.id)?;
    erase_replies(conn, case)?;
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
        let to_phone = || notifications::table.filter(notifications::recipient.eq(phone));
        let pending = notifications::status.eq(to_code(&NoticeStatus::Pending));
        diesel::delete(to_phone().filter(pending)).execute(conn)?;
        diesel::update(to_phone())
            .set((
                notifications::recipient.eq(ERASED),
                notifications::body.eq(ERASED),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The person's words in the case's records; the authority's own records (decision reasons,
/// hearing minutes, a published business response) keep their text without numbers or
/// addresses, as the dataset shows them.
fn erase_texts(conn: &mut DbConnection, complaint: Uuid) -> Result<(), StoreError> {
    let id = DbId(complaint);
    let scrubbed = |text: Option<String>| text.map(|t| scrub(&t));
    diesel::update(feedback::table.filter(feedback::complaint_id.eq(id)))
        .set(feedback::comment.eq(None::<String>))
        .execute(conn)?;
    diesel::update(reviews::table.filter(reviews::complaint_id.eq(id)))
        .set(reviews::reason.eq(ERASED))
        .execute(conn)?;
    diesel::update(obligations::table.filter(obligations::complaint_id.eq(id)))
        .set((
            obligations::dispute_reason.eq(None::<String>),
            obligations::reference.eq(None::<String>),
        ))
        .execute(conn)?;
    diesel::update(offers::table.filter(offers::complaint_id.eq(id)))
        .set(offers::note.eq(None::<String>))
        .execute(conn)?;
    diesel::update(obligations::table.filter(obligations::complaint_id.eq(id)))
        .set(obligations::payout_failure.eq(None::<String>))
        .execute(conn)?;
    diesel::update(hearings::table.filter(hearings::complaint_id.eq(id)))
        .set((
            hearings::attendance.eq(None::<DbJson>),
            hearings::meeting_link.eq(None::<String>),
            hearings::reason.eq(None::<String>),
        ))
        .execute(conn)?;
    diesel::update(public_responses::table.find(id))
        .set(public_responses::reason.eq(None::<String>))
        .execute(conn)?;
    let referred: Vec<(DbId, Option<String>, Option<String>)> = referrals::table
        .filter(referrals::complaint_id.eq(id))
        .select((referrals::id, referrals::reason, referrals::outcome))
        .load(conn)?;
    for (referral, reason, outcome) in referred {
        diesel::update(referrals::table.find(referral))
            .set((
                referrals::reason.eq(scrubbed(reason)),
                referrals::outcome.eq(scrubbed(outcome)),
                referrals::regulator_reference.eq(None::<String>),
            ))
            .execute(conn)?;
    }
    let review: Option<Option<String>> = reviews::table
        .find(id)
        .select(reviews::reasons)
        .first(conn)
        .optional()?;
    if let Some(Some(text)) = review {
        diesel::update(reviews::table.find(id))
            .set(reviews::reasons.eq(scrub(&text)))
            .execute(conn)?;
    }
    let minutes: Vec<(DbId, Option<String>)> = hearings::table
        .filter(hearings::complaint_id.eq(id))
        .select((hearings::id, hearings::minutes))
        .load(conn)?;
    for (hearing, text) in minutes {
        diesel::update(hearings::table.find(hearing))
            .set(hearings::minutes.eq(scrubbed(text)))
            .execute(conn)?;
    }
    let reasons: Option<String> = decisions::table
        .find(id)
        .select(decisions::reasons)
        .first(conn)
        .optional()?;
    if let Some(text) = reasons {
        diesel::update(decisions::table.find(id))
            .set(decisions::reasons.eq(scrub(&text)))
            .execute(conn)?;
    }
    let response: Option<String> = public_responses::table
        .find(id)
        .select(public_responses::text)
        .first(conn)
        .optional()?;
    if let Some(text) = response {
        diesel::update(public_responses::table.find(id))
            .set(public_responses::text.eq(scrub(&text)))
            .execute(conn)?;
    }
    Ok(())
}

/// The timeline's details, the outbox's payloads, the webhook and referral bodies built from
/// them, and the notices sent about the case (their text and address).
fn erase_documents(conn: &mut DbConnection, complaint: Uuid) -> Result<(), StoreError> {
    let id = DbId(complaint);
    let events: Vec<(i64, DbJson)> = complaint_events::table
        .filter(complaint_events::complaint_id.eq(id))
        .select((complaint_events::seq, complaint_events::detail))
        .load(conn)?;
    for (seq, DbJson(mut detail)) in events {
        if erase_fields(&mut detail) {
            diesel::update(complaint_events::table.find(seq))
                .set(complaint_events::detail.eq(DbJson(detail)))
                .execute(conn)?;
        }
    }
    let messages: Vec<(i64, DbId, DbJson)> = outbox::table
        .filter(outbox::complaint_id.eq(id))
        .select((outbox::seq, outbox::event_id, outbox::payload))
        .load(conn)?;
    let mut event_ids: Vec<DbId> = intake_confirmations::table
        .filter(intake_confirmations::complaint_id.eq(id))
        .select(intake_confirmations::notice_event_id)
        .load(conn)?;
    for (seq, event_id, DbJson(mut payload)) in messages {
        event_ids.push(event_id);
        if erase_fields(&mut payload) {
            diesel::update(outbox::table.find(seq))
                .set(outbox::payload.eq(DbJson(payload)))
                .execute(conn)?;
        }
    }
    let bodies: Vec<(DbId, String)> = deliveries::table
        .filter(deliveries::event_id.eq_any(&event_ids))
        .select((deliveries::id, deliveries::body))
        .load(conn)?;
    for (delivery, body) in bodies {
        let erased = match serde_json::from_str::<serde_json::Value>(&body) {
            Ok(mut document) => {
                if !erase_fields(&mut document) {
                    continue;
                }
                document.to_string()
            }
            Err(_) => ERASED.to_owned(),
        };
        diesel::update(deliveries::table.find(delivery))
            .set(deliveries::body.eq(erased))
            .execute(conn)?;
    }
    let of_case = || notifications::table.filter(notifications::event_id.eq_any(&event_ids));
    // One not sent yet is withdrawn: nothing goes out to "[erased]".
    let pending = notifications::status.eq(to_code(&NoticeStatus::Pending));
    diesel::delete(of_case().filter(pending)).execute(conn)?;
    diesel::update(of_case())
        .set((
            notifications::recipient.eq(ERASED),
            notifications::body.eq(ERASED),
        ))
        .execute(conn)?;
    Ok(())
}

/// The answers to the SMS commands the case's complainant sent about it (they name it and went
/// to their phone, under ids derived from the messages').
fn erase_replies(conn: &mut DbConnection, case: &Complaint) -> Result<(), StoreError> {
    let messages: Vec<String> = inbound_messages::table
        .filter(inbound_messages::complaint_id.eq(DbId(case.id)))
        .select(inbound_messages::id)
        .load(conn)?;
    let replies: Vec<DbId> = messages
        .iter()
        .map(|id| DbId(ccms_domain::inbound::reply_event_id(id)))
        .collect();
    let of_replies = || notifications::table.filter(notifications::event_id.eq_any(&replies));
    let pending = notifications::status.eq(to_code(&NoticeStatus::Pending));
    diesel::delete(of_replies().filter(pending)).execute(conn)?;
    diesel::update(of_replies())
        .set((
            notifications::recipient.eq(ERASED),
            notifications::body.eq(ERASED),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets the answers kept for partners' keyed requests once they are older than they are
/// promised to be kept: they hold whole case views (phone, words, files' names).
pub fn forget_kept_answers(
    conn: &mut DbConnection,
    before: DateTime<Utc>,
) -> Result<usize, StoreError> {
    Ok(diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::completed_at.is_not_null())
            .filter(idempotency_keys::completed_at.lt(DbTime::new(before))),
    )
    .execute(conn)?)
}
