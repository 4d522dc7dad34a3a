//! Telling a subscription's owner it was disabled: an e-mail to the registered contact.

use ccms_domain::delivery::notice::{Channel, Language, Notice, NoticeStatus, NoticeText};
use ccms_domain::delivery::{Owner, Subscription};
use ccms_persistence::registry::{agencies, businesses};
use ccms_persistence::{DbConnection, notifications};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::UseCaseError;

/// An e-mail to the owner's registered contact address, in both languages; logged when the
/// owner has none.
pub(super) fn tell(
    conn: &mut DbConnection,
    sub: &Subscription,
    at: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let contact = match &sub.owner {
        Owner::Business(id) => businesses::find(conn, *id)
            .ok()
            .and_then(|b| b.details.contact.email)
            .map(|e| e.as_str().to_owned()),
        Owner::Agency(code) => ccms_domain::registry::AgencyCode::parse(code)
            .ok()
            .and_then(|code| agencies::find_by_code(conn, &code).ok())
            .and_then(|a| a.details.contact_email)
            .map(|e| e.as_str().to_owned()),
    };
    let Some(recipient) = contact else {
        log::warn!(
            "subscription {} disabled; its owner has no contact e-mail",
            sub.id
        );
        return Ok(());
    };
    let text = NoticeText {
        subject: "CCMS webhook subscription disabled / CCMS ওয়েবহুক সাবস্ক্রিপশন বন্ধ".into(),
        body: format!(
            "CCMS stopped delivering to {url} after {reason}. New events are queued and wait; enable the subscription (POST /api/v1/subscriptions/{id}/enable) once the receiver works.\n\nCCMS {url}-এ পাঠানো বন্ধ করেছে ({reason})। নতুন বার্তাগুলো অপেক্ষায় আছে; রিসিভার ঠিক হলে সাবস্ক্রিপশনটি আবার চালু করুন।",
            url = sub.url,
            reason = sub.disabled_reason.clone().unwrap_or_default(),
            id = sub.id,
        ),
    };
    notifications::queue(
        conn,
        &[Notice {
            id: Uuid::now_v7(),
            event_id: Uuid::now_v7(),
            channel: Channel::Email,
            recipient,
            language: Language::En,
            text,
            status: NoticeStatus::Pending,
            attempts: 0,
            next_attempt_at: Some(at),
            created_at: at,
        }],
    )?;
    Ok(())
}
