//! The notices an announced event brings: an SMS (and e-mail) to the consumer when it is a
//! moment they hear of, and an e-mail to the respondent business when no subscription of its own
//! hears it.

use ccms_domain::authority::ledger::{ObligationKind, ObligationStatus};
use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::{Outcome, State};
use ccms_domain::delivery::EventType;
use ccms_domain::delivery::business_notice::{agency_text, business_text, business_wide_text};
use ccms_domain::delivery::notice::{self, Channel, Language, Moment, Notice, NoticeStatus};
use ccms_domain::registry::AgencyCode;
use ccms_persistence::outbox::OutboxMessage;
use ccms_persistence::registry::{agencies, businesses};
use ccms_persistence::{DbConnection, complaints};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::UseCaseError;

/// An e-mail to the respondent business's contact address when no subscription of its own
/// hears the event (none when it gave no address); about one of its cases, or about the
/// business as a whole (a surge).
pub(super) fn to_business(
    conn: &mut DbConnection,
    event: &EventType,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<Vec<Notice>, UseCaseError> {
    let Some(business) = message.business_id else {
        return Ok(Vec::new());
    };
    let Some(email) = businesses::find(conn, business)?.details.contact.email else {
        return Ok(Vec::new());
    };
    let text = match message.complaint_id {
        Some(case) => {
            let tracking = complaints::find(conn, case)?.tracking_number;
            business_text(event, tracking.as_str())
        }
        None => business_wide_text(event),
    };
    Ok(text
        .map(|text| email_notice(&message.event_id, b"business", email.as_str(), text, now))
        .into_iter()
        .collect())
}

/// An e-mail to an agency's contact address for the agency events told by e-mail, when no
/// subscription of the agency hears them.
pub(super) fn to_agency(
    conn: &mut DbConnection,
    event: &EventType,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<Vec<Notice>, UseCaseError> {
    let (Some(text), Some(code)) = (
        agency_text(event),
        message
            .payload
            .pointer("/data/agency_code")
            .and_then(|c| c.as_str()),
    ) else {
        return Ok(Vec::new());
    };
    let Ok(code) = AgencyCode::parse(code) else {
        return Ok(Vec::new());
    };
    let email = match agencies::find_by_code(conn, &code) {
        Ok(agency) => agency.details.contact_email,
        Err(ccms_persistence::StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    Ok(email
        .map(|email| email_notice(&message.event_id, b"agency", email.as_str(), text, now))
        .into_iter()
        .collect())
}

/// An e-mail to the operator who filed a case that closed unconfirmed (`unverified`), so their
/// office may call the caller back.
pub(super) fn to_intake_operator(
    conn: &mut DbConnection,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<Vec<Notice>, UseCaseError> {
    let closing = message.event_type == "complaint.status_changed"
        && message
            .payload
            .pointer("/data/to_state")
            .and_then(|s| s.as_str())
            == Some("closed");
    let Some(id) = message.complaint_id.filter(|_| closing) else {
        return Ok(Vec::new());
    };
    let case = complaints::find(conn, id)?;
    let (Some(operator), Some(Outcome::Unverified)) = (case.filed_by, case.outcome) else {
        return Ok(Vec::new());
    };
    let Some(email) = ccms_persistence::identity::accounts::find(conn, operator)?.email else {
        return Ok(Vec::new());
    };
    let text = ccms_domain::intake::unverified_notice(case.tracking_number.as_str());
    Ok(vec![email_notice(
        &message.event_id,
        b"intake_operator",
        email.as_str(),
        text,
        now,
    )])
}

/// One e-mail notice. One notice per event and recipient is kept: its id is derived from the
/// event's and the recipient's kind, the same each time the event is announced.
fn email_notice(
    event_id: &Uuid,
    kind: &[u8],
    recipient: &str,
    text: ccms_domain::delivery::notice::NoticeText,
    now: DateTime<Utc>,
) -> Notice {
    Notice {
        id: Uuid::now_v7(),
        event_id: Uuid::new_v5(event_id, kind),
        channel: Channel::Email,
        recipient: recipient.to_owned(),
        language: Language::En,
        text,
        status: NoticeStatus::Pending,
        attempts: 0,
        next_attempt_at: Some(now),
        created_at: now,
    }
}

/// An SMS (and an e-mail, if the consumer gave an address) when the event is a moment the
/// consumer hears about, in the language the case was filed in.
pub(super) fn to_consumer(
    conn: &mut DbConnection,
    message: &OutboxMessage,
    now: DateTime<Utc>,
) -> Result<Vec<Notice>, UseCaseError> {
    let to_state: Option<State> = message
        .payload
        .pointer("/data/to_state")
        .and_then(|s| serde_json::from_value(s.clone()).ok());
    let data = |field: &str| message.payload.pointer(&format!("/data/{field}")).cloned();
    let of_ledger = || {
        let kind: ObligationKind = serde_json::from_value(data("kind")?).ok()?;
        let status: ObligationStatus = serde_json::from_value(data("status")?).ok()?;
        Moment::of_ledger(&message.event_type, status, kind.parties().1)
    };
    let of_clock = || {
        let clock: ClockKind = serde_json::from_value(data("clock")?).ok()?;
        Moment::of_clock(&message.event_type, clock)
    };
    let moment = Moment::of_event(&message.event_type, to_state)
        .or_else(of_ledger)
        .or_else(of_clock);
    let (Some(moment), Some(id)) = (moment, message.complaint_id) else {
        return Ok(Vec::new());
    };
    let case = complaints::find(conn, id)?;
    // A case filed for this phone that its owner never confirmed tells them nothing more
    // than the code's SMS did (it may not have been them).
    if !case.reached_business() {
        return Ok(Vec::new());
    }
    let (language, email) = complaints::contacts::find(conn, id)?;
    // The time a text names is the one the case's own policy version gave the clock.
    let (policy, _) = ccms_persistence::policy::find(conn, case.routing.policy_version)?;
    let clock = moment.clock().unwrap_or(ClockKind::BusinessAction);
    let act_within = policy
        .clocks
        .get(&clock)
        .map(|setting| setting.length)
        .ok_or_else(|| UseCaseError::Broken(format!("policy without the {clock:?} clock")))?;
    let text = notice::text(moment, language, case.tracking_number.as_str(), act_within);
    let to = |channel, recipient: &str| Notice {
        id: Uuid::now_v7(),
        event_id: message.event_id,
        channel,
        recipient: recipient.to_owned(),
        language,
        text: text.clone(),
        status: NoticeStatus::Pending,
        attempts: 0,
        next_attempt_at: Some(now),
        created_at: now,
    };
    // A consumer's STOP ends SMS notices; e-mail (if given) still goes. An erased case's
    // number is no one's.
    let mut notices = Vec::new();
    if !case.consumer_phone.is_erased() && !complaints::contacts::sms_stopped(conn, id)? {
        notices.push(to(Channel::Sms, case.consumer_phone.as_str()));
    }
    if let Some(email) = email {
        notices.push(to(Channel::Email, &email));
    }
    Ok(notices)
}
