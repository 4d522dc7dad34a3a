//! Reading an SMS into a command: `<keyword> <tracking number>` (`STATUS CCMS-2026-000123`,
//! `অবস্থা ২০২৬-০০০১২৩`), or `STOP` alone, or the six-digit code of a held case (alone, or
//! after `VERIFY`/`যাচাই`). The keywords are a table, one row per verb, each
//! with its Bangla and English words; the tracking number may drop its `CCMS-` and be written in
//! Bangla digits. What cannot be read is `None`: the caller answers with the help text.

use unicode_normalization::UnicodeNormalization;

use crate::complaint::TrackingNumber;
use crate::intake::IntakeCode;

/// What the consumer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsVerb {
    /// The case's state, answered by SMS.
    Status,
    /// Accept the resolution the business proposed.
    Accept,
    /// Reject it.
    Reject,
    /// The payment marked paid arrived.
    Confirm,
    /// It did not arrive as the business said.
    Dispute,
    /// No more SMS notices (for the case named, or all of the phone's cases).
    Stop,
    /// Confirm a case an operator filed for this phone, with the code CCMS sent.
    Verify,
}

/// Each verb and the words that mean it, in English and Bangla, compared after NFC and in
/// lower case.
pub const KEYWORDS: &[(SmsVerb, &[&str])] = &[
    (SmsVerb::Status, &["status", "state", "অবস্থা", "স্ট্যাটাস"]),
    (SmsVerb::Accept, &["accept", "yes", "গ্রহণ", "হ্যাঁ", "রাজি"]),
    (SmsVerb::Reject, &["reject", "no", "প্রত্যাখ্যান", "না"]),
    (SmsVerb::Confirm, &["received", "confirm", "পেয়েছি"]),
    (SmsVerb::Dispute, &["dispute", "notreceived", "পাইনি"]),
    (SmsVerb::Stop, &["stop", "বন্ধ"]),
    (SmsVerb::Verify, &["verify", "code", "যাচাই", "কোড"]),
];

/// A command as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsCommand {
    pub verb: SmsVerb,
    /// The case it is about; `None` for `Stop` (every case of the phone) and `Verify`.
    pub case: Option<TrackingNumber>,
    /// The code of a held case (`Verify` only).
    pub code: Option<IntakeCode>,
}

impl SmsCommand {
    /// Reads `text`; `None` when it is not a command.
    pub fn parse(text: &str) -> Option<SmsCommand> {
        let text: String = text
            .nfc()
            .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}'))
            .map(ascii_digit)
            .collect::<String>()
            .to_lowercase();
        let mut words = text.split_whitespace();
        let keyword = words.next()?;
        // A code alone: the answer to the confirmation request.
        if let (Some(code), None) = (IntakeCode::parse(keyword), words.clone().next()) {
            return Some(SmsCommand {
                verb: SmsVerb::Verify,
                case: None,
                code: Some(code),
            });
        }
        let verb = KEYWORDS
            .iter()
            .find(|(_, spellings)| {
                spellings
                    .iter()
                    .any(|s| s.nfc().collect::<String>() == keyword)
            })
            .map(|(verb, _)| *verb)?;
        if verb == SmsVerb::Verify {
            let code = IntakeCode::parse(words.next()?)?;
            return words.next().is_none().then_some(SmsCommand {
                verb,
                case: None,
                code: Some(code),
            });
        }
        let case = match words.next() {
            Some(number) => Some(tracking(number)?),
            None if verb == SmsVerb::Stop => None,
            None => return None,
        };
        if words.next().is_some() {
            return None;
        }
        Some(SmsCommand {
            verb,
            case,
            code: None,
        })
    }
}

/// A tracking number as people type it: with or without `CCMS-`.
fn tracking(word: &str) -> Option<TrackingNumber> {
    let word = word.trim_matches(|c: char| matches!(c, '.' | ',' | '।'));
    TrackingNumber::parse(word).or_else(|| TrackingNumber::parse(&format!("CCMS-{word}")))
}

use crate::text::ascii_digit;

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(SmsVerb, Option<String>)> {
        SmsCommand::parse(text).map(|c| (c.verb, c.case.map(|t| t.as_str().to_owned())))
    }

    #[test]
    fn a_command_reads_in_either_language_and_either_digits() {
        let case = Some("CCMS-2026-000123".to_owned());
        assert_eq!(
            read("STATUS CCMS-2026-000123"),
            Some((SmsVerb::Status, case.clone()))
        );
        assert_eq!(
            read("অবস্থা ২০২৬-০০০১২৩"),
            Some((SmsVerb::Status, case.clone()))
        );
        assert_eq!(
            read("  গ্রহণ  ccms-২০২৬-০০০১২৩। "),
            Some((SmsVerb::Accept, case.clone()))
        );
        assert_eq!(
            read("no 2026-000123"),
            Some((SmsVerb::Reject, case.clone()))
        );
        assert_eq!(
            read("পাইনি 2026-000123"),
            Some((SmsVerb::Dispute, case.clone()))
        );
    }

    #[test]
    fn a_nukta_letter_typed_either_way_reads_the_same() {
        let case = Some("CCMS-2026-000123".to_owned());
        assert_eq!(
            read("পে\u{09DF}েছি 2026-000123"),
            Some((SmsVerb::Confirm, case.clone()))
        );
        assert_eq!(
            read("পে\u{09AF}\u{09BC}েছি 2026-000123"),
            Some((SmsVerb::Confirm, case))
        );
    }

    #[test]
    fn stop_alone_means_every_case_and_other_verbs_need_a_case() {
        assert_eq!(read("STOP"), Some((SmsVerb::Stop, None)));
        assert_eq!(read("বন্ধ"), Some((SmsVerb::Stop, None)));
        assert_eq!(read("status"), None);
    }

    #[test]
    fn a_code_alone_or_after_verify_confirms_a_held_case() {
        for text in ["482913", "৪৮২৯১৩", "VERIFY 482913", "যাচাই ৪৮২৯১৩"]
        {
            let command = SmsCommand::parse(text).unwrap();
            assert_eq!(command.verb, SmsVerb::Verify, "{text}");
            assert_eq!(command.code.unwrap().as_str(), "482913");
        }
        assert_eq!(SmsCommand::parse("verify 4829"), None);
        assert_eq!(SmsCommand::parse("482913 extra"), None);
    }

    #[test]
    fn anything_else_is_not_a_command() {
        for text in [
            "",
            "hello",
            "status CCMS-26-1",
            "status 2026-000123 extra",
            "accept abc",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn every_keyword_is_one_word_and_means_one_verb() {
        let mut seen = std::collections::HashSet::new();
        for (_, spellings) in KEYWORDS {
            for spelling in *spellings {
                let folded: String = spelling.nfc().collect::<String>().to_lowercase();
                assert_eq!(folded.split_whitespace().count(), 1, "{spelling}");
                assert!(seen.insert(folded.clone()), "{spelling} twice");
            }
        }
    }
}
