//! A case's texts and documents when it is erased: the person's words go, the authority's own
//! records keep theirs scrubbed of numbers and addresses (as the dataset shows them).

use ccms_domain::privacy::{ERASED, erase_fields};
use ccms_domain::transparency::scrub;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson};
use crate::schema::{
    complaint_events, decisions, deliveries, feedback, hearings, intake_confirmations, obligations,
    offers, outbox, public_responses, referrals, reviews,
};

/// The person's words in the case's records; the authority's own records (decision reasons,
/// hearing minutes, a published business response) keep their text without numbers or
/// addresses, as the dataset shows them.
pub(super) fn erase_texts(conn: &mut DbConnection, complaint: Uuid) -> Result<(), StoreError> {
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
pub(super) fn erase_documents(conn: &mut DbConnection, complaint: Uuid) -> Result<(), StoreError> {
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
    super::notices::blank_of_events(conn, &event_ids)
}
