//! What a business without a webhook subscription is told of its cases: the same events its
//! subscription would hear, as an e-mail to its registered contact address, in English with a
//! Bangla line (a business has no language of its own on record).

use super::events::{Audience, EventType, TOLD_BY_EMAIL};
use super::notice::NoticeText;

/// The e-mail for `event` about the business as a whole (a surge), if it is one it hears.
pub fn business_wide_text(event: &EventType) -> Option<NoticeText> {
    (event.audience == Audience::Business).then(|| NoticeText {
        subject: format!("CCMS: {}", event.code),
        body: format!(
            "CCMS: {} Sign in to CCMS to see it; a webhook subscription would bring these to your systems instead.\nCCMS: আপনার ব্যবসার বিরুদ্ধে অভিযোগ অস্বাভাবিক হারে আসছে; বিস্তারিত দেখতে CCMS-এ সাইন ইন করুন।",
            event.summary
        ),
    })
}

/// The e-mail to an agency's contact address for an agency event in [`TOLD_BY_EMAIL`], when no
/// subscription of the agency hears it.
pub fn agency_text(event: &EventType) -> Option<NoticeText> {
    (event.audience == Audience::Agency && TOLD_BY_EMAIL.contains(&event.code)).then(|| NoticeText {
        subject: format!("CCMS: {}", event.code),
        body: format!(
            "CCMS: {} See GET /api/v1/surges and open a collective matter if the cases belong together.\nCCMS: একটি ব্যবসার বিরুদ্ধে অভিযোগ অস্বাভাবিক হারে আসছে; CCMS-এ দেখুন।",
            event.summary
        ),
    })
}

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

    #[test]
    fn a_surge_is_told_to_the_business_and_to_the_directorate_by_email() {
        let business = EventType::find("business.surge_started").unwrap();
        assert!(
            business_wide_text(business)
                .unwrap()
                .body
                .contains("surge rate")
        );
        let agency = EventType::find("surge.started").unwrap();
        assert!(agency_text(agency).unwrap().body.contains("/api/v1/surges"));
        assert!(agency_text(EventType::find("referral.packet").unwrap()).is_none());
    }
}
