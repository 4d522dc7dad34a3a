//! The words of each consumer notice, in Bangla and English. The "received" notice names the
//! business's time to act as the case's policy version sets it, never a fixed figure.

use super::notice::{Language, Moment, NoticeText};
use crate::calendar::Length;

/// The text of `moment` about case `tracking`, in `language`; `act_within` is the length of the
/// clock the moment names (`Moment::clock`): the business's to act, or the consumer's to answer.
pub fn text(moment: Moment, language: Language, tracking: &str, act_within: Length) -> NoticeText {
    let (subject, body) = match (language, moment) {
        (Language::En, Moment::Received) => (
            "Complaint received",
            format!(
                "CCMS: we received your complaint {tracking}. The business has {} to act on it; we will tell you when it answers.",
                english(act_within)
            ),
        ),
        (Language::Bn, Moment::Received) => (
            "অভিযোগ গৃহীত",
            format!(
                "CCMS: আপনার অভিযোগ {tracking} গৃহীত হয়েছে। ব্যবসা প্রতিষ্ঠানটি {} মধ্যে ব্যবস্থা নেবে; উত্তর দিলে আমরা আপনাকে জানাব।",
                bangla(act_within)
            ),
        ),
        (Language::En, Moment::BusinessAnswered) => (
            "The business answered",
            format!(
                "CCMS: the business answered your complaint {tracking}. Please accept or reject its proposal in the app within {}; if you do not answer, the complaint closes.",
                english(act_within)
            ),
        ),
        (Language::Bn, Moment::BusinessAnswered) => (
            "ব্যবসা প্রতিষ্ঠান উত্তর দিয়েছে",
            format!(
                "CCMS: আপনার অভিযোগ {tracking}-এর উত্তর দিয়েছে ব্যবসা প্রতিষ্ঠান। {} মধ্যে অ্যাপে প্রস্তাবটি গ্রহণ বা প্রত্যাখ্যান করুন; উত্তর না দিলে অভিযোগটি বন্ধ হবে।",
                bangla(act_within)
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
        (Language::En, Moment::HearingCancelled) => (
            "Hearing cancelled",
            format!(
                "CCMS: the hearing on your complaint {tracking} has been cancelled. The directorate is still investigating; we will tell you of a new date."
            ),
        ),
        (Language::Bn, Moment::HearingCancelled) => (
            "শুনানি বাতিল",
            format!(
                "CCMS: আপনার অভিযোগ {tracking}-এর শুনানি বাতিল হয়েছে। অধিদপ্তর তদন্ত চালিয়ে যাচ্ছে; নতুন তারিখ হলে আমরা আপনাকে জানাব।"
            ),
        ),
        (Language::En, Moment::Decided) => (
            "Decision made",
            format!(
                "CCMS: the directorate has decided your complaint {tracking}. Read the decision in the app."
            ),
        ),
        (
            language,
            moment @ (Moment::RemedyPaid
            | Moment::RemedyOverdue
            | Moment::Closed
            | Moment::HearingRescheduled
            | Moment::AnswerDueSoon
            | Moment::InfoRequested
            | Moment::RemedyDueSoon),
        ) => super::redress_text::text(moment, language, tracking),
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

pub(super) fn english(length: Length) -> String {
    match length {
        Length::Hours(1) => "1 hour".into(),
        Length::Hours(n) => format!("{n} hours"),
        Length::WorkingDays(1) => "1 working day".into(),
        Length::WorkingDays(n) => format!("{n} working days"),
    }
}

/// In the genitive ("৭২ ঘণ্টার"), as "within" takes it.
fn bangla(length: Length) -> String {
    match length {
        Length::Hours(n) => format!("{} ঘণ্টার", bangla_digits(&n.to_string())),
        Length::WorkingDays(n) => format!("{} কর্মদিবসের", bangla_digits(&n.to_string())),
    }
}

pub(crate) use crate::text::bangla_digits;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::State;

    const DAYS: Length = Length::WorkingDays(3);

    #[test]
    fn a_business_proposal_tells_the_consumer_but_an_acknowledgement_does_not() {
        let answered = Moment::of_event("complaint.status_changed", Some(State::AwaitingConsumer));
        assert_eq!(answered, Some(Moment::BusinessAnswered));
        assert_eq!(
            Moment::of_event("complaint.status_changed", Some(State::WithBusiness)),
            None
        );
        assert_eq!(Moment::of_event("deadline.approaching", None), None);
        assert_eq!(
            Moment::of_event("hearing.cancelled", None),
            Some(Moment::HearingCancelled)
        );
    }

    #[test]
    fn every_moment_has_a_text_in_both_languages_naming_the_case() {
        for moment in Moment::ALL {
            let (bn, en) = (
                text(moment, Language::Bn, "CC-2026-000001", DAYS),
                text(moment, Language::En, "CC-2026-000001", DAYS),
            );
            assert!(bn.body.contains("CC-2026-000001") && en.body.contains("CC-2026-000001"));
            assert_ne!(bn.body, en.body);
        }
    }

    #[test]
    fn the_received_notice_names_the_time_the_cases_policy_gives_the_business() {
        let en = text(Moment::Received, Language::En, "CC-1", Length::Hours(48));
        let bn = text(Moment::Received, Language::Bn, "CC-1", Length::Hours(48));
        assert!(en.body.contains("48 hours") && !en.body.contains("72"));
        assert!(bn.body.contains("৪৮ ঘণ্টার মধ্যে"), "{}", bn.body);
        let days = text(Moment::Received, Language::En, "CC-1", DAYS);
        assert!(days.body.contains("3 working days"));
        let bn_days = text(Moment::Received, Language::Bn, "CC-1", DAYS);
        assert!(
            bn_days.body.contains("৩ কর্মদিবসের মধ্যে"),
            "{}",
            bn_days.body
        );
    }
}
