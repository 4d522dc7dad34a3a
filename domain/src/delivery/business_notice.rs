//! What a business without a webhook subscription is told of its cases: the same events its
//! subscription would hear, as an e-mail to its registered contact address, in English with a
//! Bangla line (a business has no language of its own on record).

use super::events::{Audience, EventType};
use super::notice::NoticeText;

/// The e-mail for `event` on case `tracking`, if the event is one a business hears.
pub fn business_text(event: &EventType, tracking: &str) -> Option<NoticeText> {
    (event.audience == Audience::Business).then(|| NoticeText {
        subject: format!("CCMS: {tracking}: {}", event.code),
        body: format!(
            "CCMS: {} (case {tracking}). Sign in to CCMS to see it and act; a webhook subscription would bring these to your systems instead.\nCCMS: অভিযোগ {tracking}-এ নতুন ঘটনা; দেখতে ও ব্যবস্থা নিতে CCMS-এ সাইন ইন করুন।",
            event.summary.trim_end_matches('.')
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_business_hears_its_events_by_email_and_an_agency_event_is_not_one() {
        let overdue = EventType::find("obligation.overdue").unwrap();
        let text = business_text(overdue, "CCMS-2026-000042").unwrap();
        assert!(
            text.body
                .contains("passed its due date unpaid (case CCMS-2026-000042)")
        );
        assert!(text.body.contains("অভিযোগ CCMS-2026-000042"));
        assert!(business_text(EventType::find("referral.packet").unwrap(), "x").is_none());
    }
}
