//! The words of assisted intake's SMS, in Bangla and English: the code a caller confirms with,
//! and the answer to each SMS command. Answers never say whether a case exists to a phone that
//! does not own it: an unknown number and another phone's case get the same words.

use chrono::{DateTime, Utc};

use super::IntakeCode;
use crate::calendar::Calendar;
use crate::complaint::State;
use crate::delivery::notice::{Language, NoticeText};

/// What an SMS command came to, to be answered by SMS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The case's state, as the consumer's app names it.
    Status {
        tracking: String,
        state: State,
    },
    Accepted {
        tracking: String,
    },
    Rejected {
        tracking: String,
    },
    PaymentConfirmed {
        tracking: String,
    },
    PaymentDisputed {
        tracking: String,
    },
    /// No more SMS notices: of one case, or of every case of the phone.
    Stopped {
        tracking: Option<String>,
    },
    /// A held case confirmed by its code: it goes to the business (or the directorate) now.
    Confirmed {
        tracking: String,
    },
    /// The case cannot take that command now (nothing to accept, no payment marked paid).
    NotNow {
        tracking: String,
    },
    /// No case of this phone by that number (or no held case for that code).
    NotYours,
    /// A wrong code; `left` more tries.
    WrongCode {
        left: i32,
    },
    /// No tries left, or its time ran out: the case closes unconfirmed.
    Locked,
    /// Not a command: how to write one.
    Help,
}

/// What the complainant reads when an operator filed for them: the tracking number, the code,
/// the date the case closes unconfirmed, and the two ways to confirm.
pub fn confirmation_request(
    language: Language,
    tracking: &str,
    code: &IntakeCode,
    until: DateTime<Utc>,
) -> NoticeText {
    let code = code.as_str();
    let date = Calendar::dhaka_date(until).format("%d-%m-%Y");
    match language {
        Language::En => NoticeText {
            subject: "Confirm your complaint".into(),
            body: format!(
                "CCMS: a complaint {tracking} was filed for this number. To confirm it, reply {code} or tell the code to the operator. Unconfirmed, it closes on {date}."
            ),
        },
        Language::Bn => NoticeText {
            subject: "আপনার অভিযোগ নিশ্চিত করুন".into(),
            body: format!(
                "CCMS: এই নম্বরের জন্য অভিযোগ {tracking} দাখিল হয়েছে। নিশ্চিত করতে {code} লিখে উত্তর দিন অথবা কোডটি অপারেটরকে বলুন। নিশ্চিত না করলে {date} তারিখে এটি বন্ধ হবে।"
            ),
        },
    }
}

/// The e-mail to the operator who filed a case its caller never confirmed: their office calls
/// the caller back or lets it rest.
pub fn unverified_notice(tracking: &str) -> NoticeText {
    NoticeText {
        subject: format!("CCMS: {tracking} closed unconfirmed"),
        body: format!(
            "CCMS: complaint {tracking}, which you filed for a caller, closed as unverified: the caller did not confirm it with the code sent to their phone in time. Call them back if they still need help; a new filing sends a new code.\nCCMS: আপনার দাখিল করা অভিযোগ {tracking} অযাচাইকৃত হিসেবে বন্ধ হয়েছে: অভিযোগকারী সময়মতো কোড দিয়ে নিশ্চিত করেননি।"
        ),
    }
}

/// A case's state in words, as the hotline reads it out and an SMS answers it.
pub fn state_words(state: State, language: Language) -> &'static str {
    match (state, language) {
        (State::Submitted, Language::En) => "waiting for the complainant to confirm it",
        (State::Submitted, Language::Bn) => "অভিযোগকারীর নিশ্চিতকরণের অপেক্ষায়",
        (State::WithBusiness, Language::En) => "with the business, waiting for its answer",
        (State::WithBusiness, Language::Bn) => "ব্যবসা প্রতিষ্ঠানের কাছে, উত্তরের অপেক্ষায়",
        (State::AwaitingConsumer, Language::En) => "waiting for the complainant to answer",
        (State::AwaitingConsumer, Language::Bn) => "অভিযোগকারীর উত্তরের অপেক্ষায়",
        (State::Escalated, Language::En) => "with the directorate (DNCRP)",
        (State::Escalated, Language::Bn) => "অধিদপ্তরে (ডিএনসিআরপি) পাঠানো হয়েছে",
        (State::UnderInvestigation, Language::En) => "under investigation by the directorate",
        (State::UnderInvestigation, Language::Bn) => "অধিদপ্তরের তদন্তাধীন",
        (State::HearingScheduled, Language::En) => "a hearing is scheduled",
        (State::HearingScheduled, Language::Bn) => "শুনানি নির্ধারিত",
        (State::Decided, Language::En) => "decided by the directorate",
        (State::Decided, Language::Bn) => "অধিদপ্তর সিদ্ধান্ত দিয়েছে",
        (State::Resolved, Language::En) => "resolved, waiting for the remedy",
        (State::Resolved, Language::Bn) => "নিষ্পত্তি হয়েছে, প্রতিকারের অপেক্ষায়",
        (State::Closed, Language::En) => "closed",
        (State::Closed, Language::Bn) => "বন্ধ",
        (State::Withdrawn, Language::En) => "withdrawn",
        (State::Withdrawn, Language::Bn) => "প্রত্যাহার করা হয়েছে",
        (State::Rejected, Language::En) => "not admitted",
        (State::Rejected, Language::Bn) => "গ্রহণযোগ্য নয়",
    }
}

/// The SMS answering a command, in `language`.
pub fn reply(reply: &Reply, language: Language) -> NoticeText {
    let (subject, body) = match language {
        Language::En => english(reply),
        Language::Bn => bangla(reply),
    };
    NoticeText {
        subject: subject.into(),
        body,
    }
}

fn english(reply: &Reply) -> (&'static str, String) {
    let body = match reply {
        Reply::Status { tracking, state } => format!(
            "CCMS: complaint {tracking} is {}.",
            state_words(*state, Language::En)
        ),
        Reply::Accepted { tracking } => {
            format!("CCMS: you accepted the resolution of complaint {tracking}.")
        }
        Reply::Rejected { tracking } => format!(
            "CCMS: you rejected the resolution of complaint {tracking}; it goes to the directorate."
        ),
        Reply::PaymentConfirmed { tracking } => {
            format!("CCMS: you confirmed the payment of complaint {tracking}. Thank you.")
        }
        Reply::PaymentDisputed { tracking } => format!(
            "CCMS: you said the payment of complaint {tracking} did not arrive; the business and the directorate are told."
        ),
        Reply::Stopped { tracking: Some(t) } => {
            format!("CCMS: no more SMS about complaint {t}. Send STATUS {t} at any time.")
        }
        Reply::Stopped { tracking: None } => {
            "CCMS: no more SMS about your complaints. Send STATUS and the number at any time.".into()
        }
        Reply::Confirmed { tracking } => format!(
            "CCMS: thank you, complaint {tracking} is confirmed and goes to the business now."
        ),
        Reply::NotNow { tracking } => {
            format!("CCMS: complaint {tracking} cannot take that now. Send STATUS {tracking}.")
        }
        Reply::NotYours => {
            "CCMS: this number has no complaint by that number. Check the number and try again.".into()
        }
        Reply::WrongCode { left } => {
            format!("CCMS: that code is not right. {left} tries left.")
        }
        Reply::Locked => "CCMS: this complaint can no longer be confirmed and will close. Call 16121 to file it again.".into(),
        Reply::Help => "CCMS: send STATUS, ACCEPT, REJECT, RECEIVED, DISPUTE or STOP and your complaint number, e.g. STATUS CCMS-2026-000123.".into(),
    };
    ("CCMS", body)
}

fn bangla(reply: &Reply) -> (&'static str, String) {
    let body = match reply {
        Reply::Status { tracking, state } => format!(
            "CCMS: অভিযোগ {tracking}: {}।",
            state_words(*state, Language::Bn)
        ),
        Reply::Accepted { tracking } => {
            format!("CCMS: আপনি অভিযোগ {tracking}-এর সমাধান গ্রহণ করেছেন।")
        }
        Reply::Rejected { tracking } => format!(
            "CCMS: আপনি অভিযোগ {tracking}-এর সমাধান প্রত্যাখ্যান করেছেন; এটি অধিদপ্তরে যাবে।"
        ),
        Reply::PaymentConfirmed { tracking } => {
            format!("CCMS: আপনি অভিযোগ {tracking}-এর অর্থ পাওয়া নিশ্চিত করেছেন। ধন্যবাদ।")
        }
        Reply::PaymentDisputed { tracking } => format!(
            "CCMS: আপনি জানিয়েছেন অভিযোগ {tracking}-এর অর্থ পাননি; ব্যবসা প্রতিষ্ঠান ও অধিদপ্তরকে জানানো হয়েছে।"
        ),
        Reply::Stopped { tracking: Some(t) } => format!(
            "CCMS: অভিযোগ {t} নিয়ে আর এসএমএস পাঠানো হবে না। যেকোনো সময় অবস্থা {t} লিখে পাঠান।"
        ),
        Reply::Stopped { tracking: None } => {
            "CCMS: আপনার অভিযোগ নিয়ে আর এসএমএস পাঠানো হবে না। যেকোনো সময় অবস্থা ও নম্বর লিখে পাঠান।".into()
        }
        Reply::Confirmed { tracking } => format!(
            "CCMS: ধন্যবাদ, অভিযোগ {tracking} নিশ্চিত হয়েছে এবং এখন ব্যবসা প্রতিষ্ঠানের কাছে যাবে।"
        ),
        Reply::NotNow { tracking } => format!(
            "CCMS: অভিযোগ {tracking} এখন এটি গ্রহণ করতে পারে না। অবস্থা {tracking} লিখে পাঠান।"
        ),
        Reply::NotYours => {
            "CCMS: এই নম্বরের এমন কোনো অভিযোগ নেই। নম্বরটি দেখে আবার চেষ্টা করুন।".into()
        }
        Reply::WrongCode { left } => format!("CCMS: কোডটি সঠিক নয়। আর {left} বার চেষ্টা করা যাবে।"),
        Reply::Locked => "CCMS: এই অভিযোগ আর নিশ্চিত করা যাবে না এবং এটি বন্ধ হবে। আবার দাখিল করতে ১৬১২১-এ ফোন করুন।".into(),
        Reply::Help => "CCMS: অবস্থা, গ্রহণ, প্রত্যাখ্যান, পেয়েছি, পাইনি বা বন্ধ লিখে অভিযোগ নম্বর পাঠান, যেমন: অবস্থা CCMS-2026-000123।".into(),
    };
    ("CCMS", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_phones_case_and_an_unknown_number_read_the_same() {
        for language in [Language::Bn, Language::En] {
            let text = reply(&Reply::NotYours, language);
            assert!(!text.body.contains("CCMS-"), "{}", text.body);
        }
    }

    #[test]
    fn the_code_and_its_date_are_in_the_confirmation_request_in_both_languages() {
        let code = IntakeCode::parse("482913").unwrap();
        let until = "2026-12-14T20:00:00Z".parse().unwrap();
        let en = confirmation_request(Language::En, "CCMS-2026-000001", &code, until);
        assert!(en.body.contains("482913") && en.body.contains("15-12-2026"));
        let bn = confirmation_request(Language::Bn, "CCMS-2026-000001", &code, until);
        assert!(bn.body.contains("482913") && bn.body.contains("নিশ্চিত"));
    }
}
