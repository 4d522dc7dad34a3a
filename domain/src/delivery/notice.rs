//! What consumers are told, and when: a text per moment of their case, in Bangla and English.
//! The table is the whole rule; an event not in it tells the consumer nothing.

use serde::{Deserialize, Serialize};

use crate::complaint::State;

/// `bn` (Bangla) or `en` (English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Bn,
    En,
}

impl Language {
    /// Bangla when `Accept-Language` asks for it first, English otherwise (as error messages).
    pub fn code(self) -> &'static str {
        match self {
            Language::Bn => "bn",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Language {
        if code == "bn" {
            Language::Bn
        } else {
            Language::En
        }
    }
}

/// The moments a consumer hears about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    Received,
    BusinessAnswered,
    Escalated,
    HearingScheduled,
    Decided,
}

/// Event type, and for state changes the state reached, that tell the consumer something.
const MOMENTS: &[(&str, Option<State>, Moment)] = &[
    ("complaint.created", None, Moment::Received),
    (
        "complaint.status_changed",
        Some(State::AwaitingConsumer),
        Moment::BusinessAnswered,
    ),
    (
        "complaint.status_changed",
        Some(State::Escalated),
        Moment::Escalated,
    ),
    ("hearing.scheduled", None, Moment::HearingScheduled),
    ("complaint.decided", None, Moment::Decided),
];

impl Moment {
    pub fn of_event(event_type: &str, to_state: Option<State>) -> Option<Moment> {
        MOMENTS
            .iter()
            .find(|(code, state, _)| *code == event_type && (state.is_none() || *state == to_state))
            .map(|(_, _, moment)| *moment)
    }
}

/// A message for one consumer, ready for a gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeText {
    pub subject: String,
    pub body: String,
}

/// The text of `moment` about case `tracking`, in `language`.
pub fn text(moment: Moment, language: Language, tracking: &str) -> NoticeText {
    let (subject, body) = match (language, moment) {
        (Language::En, Moment::Received) => (
            "Complaint received",
            format!(
                "CCMS: we received your complaint {tracking}. The business has 72 hours to act on it; we will tell you when it answers."
            ),
        ),
        (Language::Bn, Moment::Received) => (
            "অভিযোগ গৃহীত",
            format!(
                "CCMS: আপনার অভিযোগ {tracking} গৃহীত হয়েছে। ব্যবসা প্রতিষ্ঠানটি ৭২ ঘণ্টার মধ্যে ব্যবস্থা নেবে; উত্তর দিলে আমরা আপনাকে জানাব।"
            ),
        ),
        (Language::En, Moment::BusinessAnswered) => (
            "The business answered",
            format!(
                "CCMS: the business answered your complaint {tracking}. Please accept or reject its proposal in the app."
            ),
        ),
        (Language::Bn, Moment::BusinessAnswered) => (
            "ব্যবসা প্রতিষ্ঠান উত্তর দিয়েছে",
            format!(
                "CCMS: আপনার অভিযোগ {tracking}-এর উত্তর দিয়েছে ব্যবসা প্রতিষ্ঠান। অ্যাপে প্রস্তাবটি গ্রহণ বা প্রত্যাখ্যান করুন।"
            ),
        ),
        (Language::En, Moment::Escalated) => (
            "Sent to the directorate",
            format!(
                "CCMS: your complaint {tracking} has gone to the Directorate of National Consumer Rights Protection."
            ),
        ),
        (Language::Bn, Moment::Escalated) => (
            "অধিদপ্তরে পাঠানো হয়েছে",
            format!("CCMS: আপনার অভিযোগ {tracking} জাতীয় ভোক্তা-অধিকার সংরক্ষণ অধিদপ্তরে পাঠানো হয়েছে।"),
        ),
        (Language::En, Moment::HearingScheduled) => (
            "Hearing scheduled",
            format!(
                "CCMS: a hearing on your complaint {tracking} has been scheduled. See the date and place in the app."
            ),
        ),
        (Language::Bn, Moment::HearingScheduled) => (
            "শুনানির তারিখ নির্ধারিত",
            format!("CCMS: আপনার অভিযোগ {tracking}-এর শুনানি নির্ধারিত হয়েছে। তারিখ ও স্থান অ্যাপে দেখুন।"),
        ),
        (Language::En, Moment::Decided) => (
            "Decision made",
            format!(
                "CCMS: the directorate has decided your complaint {tracking}. Read the decision in the app."
            ),
        ),
        (Language::Bn, Moment::Decided) => (
            "সিদ্ধান্ত হয়েছে",
            format!(
                "CCMS: আপনার অভিযোগ {tracking}-এর বিষয়ে অধিদপ্তর সিদ্ধান্ত দিয়েছে। অ্যাপে সিদ্ধান্তটি পড়ুন।"
            ),
        ),
    };
    NoticeText {
        subject: subject.to_owned(),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_business_proposal_tells_the_consumer_but_an_acknowledgement_does_not() {
        let answered = Moment::of_event("complaint.status_changed", Some(State::AwaitingConsumer));
        assert_eq!(answered, Some(Moment::BusinessAnswered));
        assert_eq!(
            Moment::of_event("complaint.status_changed", Some(State::WithBusiness)),
            None
        );
        assert_eq!(Moment::of_event("deadline.approaching", None), None);
    }

    #[test]
    fn every_moment_has_a_text_in_both_languages_naming_the_case() {
        for moment in [
            Moment::Received,
            Moment::BusinessAnswered,
            Moment::Escalated,
            Moment::HearingScheduled,
            Moment::Decided,
        ] {
            let (bn, en) = (
                text(moment, Language::Bn, "CC-2026-000001"),
                text(moment, Language::En, "CC-2026-000001"),
            );
            assert!(bn.body.contains("CC-2026-000001") && en.body.contains("CC-2026-000001"));
            assert_ne!(bn.body, en.body);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeStatus {
    Pending,
    Sent,
    /// The gateway kept refusing it for a day.
    Failed,
}

/// A message to one person through the gateway: a consumer about their case, or a
/// subscription's owner about its subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: uuid::Uuid,
    /// The event it tells of; one notice per event and channel.
    pub event_id: uuid::Uuid,
    pub channel: Channel,
    /// A phone number (`+8801...`) or an e-mail address.
    pub recipient: String,
    pub language: Language,
    pub text: NoticeText,
    pub status: NoticeStatus,
    pub attempts: u32,
    pub next_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
