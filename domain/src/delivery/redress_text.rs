//! The words of the notices about a case's remedy and its end, in Bangla and English.

use super::notice::{Language, Moment};

/// `(subject, body)` of a redress moment about case `tracking` (any other moment reads as closed).
pub fn text(moment: Moment, language: Language, tracking: &str) -> (&'static str, String) {
    match (language, moment) {
        (Language::En, Moment::RemedyPaid) => (
            "The business says it has paid",
            format!(
                "CCMS: the business says it has paid or delivered the remedy agreed on your complaint {tracking}. Confirm it or dispute it in the app; if you say nothing, it will be taken as received."
            ),
        ),
        (Language::Bn, Moment::RemedyPaid) => (
            "ব্যবসা প্রতিষ্ঠান পরিশোধের কথা জানিয়েছে",
            format!(
                "CCMS: আপনার অভিযোগ {tracking}-এ সম্মত প্রতিকার পরিশোধ বা সরবরাহ করা হয়েছে বলে ব্যবসা প্রতিষ্ঠান জানিয়েছে। অ্যাপে নিশ্চিত করুন বা আপত্তি জানান; কিছু না জানালে তা পাওয়া হয়েছে বলে ধরা হবে।"
            ),
        ),
        (Language::En, Moment::RemedyOverdue) => (
            "Your remedy is overdue",
            format!(
                "CCMS: the remedy owed to you on complaint {tracking} was not delivered in time. You may reopen the complaint in the app; it then goes to the Directorate of National Consumer Rights Protection."
            ),
        ),
        (Language::Bn, Moment::RemedyOverdue) => (
            "প্রতিকারের সময় পেরিয়ে গেছে",
            format!(
                "CCMS: অভিযোগ {tracking}-এ আপনার প্রাপ্য প্রতিকার সময়মতো দেওয়া হয়নি। অ্যাপে অভিযোগটি আবার খুলতে পারেন; তখন এটি জাতীয় ভোক্তা-অধিকার সংরক্ষণ অধিদপ্তরে যাবে।"
            ),
        ),
        (Language::En, Moment::HearingRescheduled) => (
            "Hearing moved",
            format!(
                "CCMS: the hearing on your complaint {tracking} has moved to another time. See the new date and place in the app."
            ),
        ),
        (Language::Bn, Moment::HearingRescheduled) => (
            "শুনানির সময় বদলেছে",
            format!("CCMS: আপনার অভিযোগ {tracking}-এর শুনানির সময় বদলেছে। নতুন তারিখ ও স্থান অ্যাপে দেখুন।"),
        ),
        (Language::En, Moment::AnswerDueSoon) => (
            "Answer the business's proposal",
            format!(
                "CCMS: your time to accept or reject the business's proposal on complaint {tracking} ends within a day. Answer in the app, or the complaint closes."
            ),
        ),
        (Language::Bn, Moment::AnswerDueSoon) => (
            "প্রস্তাবের উত্তর দিন",
            format!(
                "CCMS: অভিযোগ {tracking}-এ ব্যবসা প্রতিষ্ঠানের প্রস্তাব গ্রহণ বা প্রত্যাখ্যানের সময় এক দিনের মধ্যে শেষ হবে। অ্যাপে উত্তর দিন, নইলে অভিযোগটি বন্ধ হবে।"
            ),
        ),
        (Language::En, Moment::InfoRequested) => (
            "Information asked for",
            format!(
                "CCMS: you are asked for information on your complaint {tracking}. Answer in the app; the case waits for you meanwhile."
            ),
        ),
        (Language::Bn, Moment::InfoRequested) => (
            "তথ্য চাওয়া হয়েছে",
            format!(
                "CCMS: আপনার অভিযোগ {tracking}-এর বিষয়ে তথ্য চাওয়া হয়েছে। অ্যাপে উত্তর দিন; ততক্ষণ অভিযোগটি আপনার অপেক্ষায় থাকবে।"
            ),
        ),
        (Language::En, Moment::RemedyDueSoon) => (
            "Your remedy falls due soon",
            format!(
                "CCMS: the remedy owed to you on complaint {tracking} falls due within a day. If it does not come, you may reopen the complaint in the app once it is overdue."
            ),
        ),
        (Language::Bn, Moment::RemedyDueSoon) => (
            "প্রতিকারের সময় ঘনিয়ে এসেছে",
            format!(
                "CCMS: অভিযোগ {tracking}-এ আপনার প্রাপ্য প্রতিকারের সময় এক দিনের মধ্যে শেষ হবে। না পেলে সময় পেরোনোর পরে অ্যাপে অভিযোগটি আবার খুলতে পারেন।"
            ),
        ),
        (Language::En, _) => (
            "Complaint closed",
            format!(
                "CCMS: your complaint {tracking} is closed; see how it ended in the app. If you judge it unresolved you may ask there for a review, and if an agreed remedy has not come you may reopen it."
            ),
        ),
        (Language::Bn, _) => (
            "অভিযোগ নিষ্পত্তি হয়েছে",
            format!(
                "CCMS: আপনার অভিযোগ {tracking} বন্ধ হয়েছে; ফলাফল অ্যাপে দেখুন। অমীমাংসিত মনে হলে সেখানে পুনর্বিবেচনা চাইতে পারেন, আর সম্মত প্রতিকার না পেলে অভিযোগটি আবার খুলতে পারেন।"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authority::ledger::{ObligationStatus, Party};
    use crate::complaint::State;

    #[test]
    fn a_payment_marked_paid_and_an_overdue_remedy_tell_the_consumer_a_fine_does_not() {
        let paid = Moment::of_ledger(
            "obligation.updated",
            ObligationStatus::Paid,
            Party::Consumer,
        );
        assert_eq!(paid, Some(Moment::RemedyPaid));
        let overdue = ("obligation.overdue", ObligationStatus::Overdue);
        assert_eq!(
            Moment::of_ledger(overdue.0, overdue.1, Party::Consumer),
            Some(Moment::RemedyOverdue)
        );
        assert_eq!(Moment::of_ledger(overdue.0, overdue.1, Party::State), None);
        let confirmed = ("obligation.updated", ObligationStatus::Confirmed);
        assert_eq!(
            Moment::of_ledger(confirmed.0, confirmed.1, Party::Consumer),
            None
        );
        let closed = Moment::of_event("complaint.status_changed", Some(State::Closed));
        assert_eq!(closed, Some(Moment::Closed));
    }

    #[test]
    fn the_overdue_notice_says_how_to_reopen_in_both_languages() {
        let (_, en) = text(Moment::RemedyOverdue, Language::En, "CCMS-2026-000007");
        let (_, bn) = text(Moment::RemedyOverdue, Language::Bn, "CCMS-2026-000007");
        assert!(en.contains("reopen") && en.contains("CCMS-2026-000007"));
        assert!(bn.contains("আবার খুলতে") && bn.contains("CCMS-2026-000007"));
    }
}
