//! What an erased case keeps of its texts. The narrative a consumer consented to publish stays
//! as the open dataset already shows it (scrubbed), so the dataset reads the same after
//! erasure; every other text of theirs (a narrative never published, messages, comments,
//! reasons, file names) is replaced whole. Counts, dates, states, amounts and categories stay:
//! the statistics and scorecards are built from them.

use serde_json::Value;

use crate::complaint::Description;
use crate::transparency::scrub;

/// What stands where erased text was.
pub const ERASED: &str = "[erased]";

/// The narrative an erased case keeps: the published form if the consumer consented to
/// publish it (cut to the longest narrative a case holds, since scrubbing lengthens a text),
/// nothing otherwise.
pub fn erased_narrative(text: &str, consent_to_publish: bool) -> String {
    let published = consent_to_publish.then(|| scrub(text));
    match published {
        Some(text) if !text.trim().is_empty() => text.chars().take(Description::MAX).collect(),
        _ => ERASED.to_owned(),
    }
}

/// The fields that carry a person's words or contact anywhere CCMS keeps a document about a
/// case: timeline details, outbox payloads, webhook and referral bodies.
pub const PERSONAL_FIELDS: &[&str] = &[
    "text",
    "note",
    "comment",
    "reason",
    "reasons",
    "dispute_reason",
    "payout_failure",
    "attendance",
    "meeting_link",
    "venue",
    "minutes",
    "file_name",
    "subject",
    "description",
    "order_reference",
    "phone",
    "consumer_phone",
    "email",
];

/// The document with every personal field's text replaced, at any depth; whether it changed.
pub fn erase_fields(document: &mut Value) -> bool {
    match document {
        Value::Object(fields) => {
            let mut changed = false;
            for (name, value) in fields.iter_mut() {
                if PERSONAL_FIELDS.contains(&name.as_str()) && !value.is_null() {
                    if value.as_str() != Some(ERASED) {
                        *value = Value::String(ERASED.to_owned());
                        changed = true;
                    }
                } else {
                    changed |= erase_fields(value);
                }
            }
            changed
        }
        Value::Array(items) => {
            // Every item, not only up to the first that changed.
            let mut changed = false;
            for item in items {
                changed |= erase_fields(item);
            }
            changed
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_narrative_keeps_its_published_form_and_an_unpublished_one_goes() {
        let text = "Paid by bKash 01712345678, write to rahim@example.com";
        assert_eq!(erased_narrative(text, true), scrub(text));
        assert!(!erased_narrative(text, true).contains("01712345678"));
        assert_eq!(erased_narrative(text, false), ERASED);
    }

    #[test]
    fn personal_fields_are_replaced_at_any_depth_and_the_rest_kept() {
        let mut doc = serde_json::json!({
            "type": "referral.packet",
            "consumer": { "phone": "+8801712345678", "email": "a@b.com" },
            "timeline": [{ "kind": "message", "detail": { "text": "call me" } }],
            "amount_poisha": 120000,
            "note": null
        });
        assert!(erase_fields(&mut doc));
        assert_eq!(doc["consumer"]["phone"], ERASED);
        assert_eq!(doc["consumer"]["email"], ERASED);
        assert_eq!(doc["timeline"][0]["detail"]["text"], ERASED);
        assert_eq!(doc["amount_poisha"], 120000);
        assert!(doc["note"].is_null());
        assert!(!erase_fields(&mut doc), "a second pass changes nothing");
    }

    #[test]
    fn a_scrubbed_narrative_longer_than_a_case_holds_is_cut_to_fit() {
        let text = "a@b.cd ".repeat(714);
        assert!(text.chars().count() <= 5000);
        let kept = erased_narrative(&text, true);
        assert_eq!(kept.chars().count(), 5000);
        assert!(crate::complaint::Description::parse(&kept).is_ok());
    }

    #[test]
    fn erasing_twice_changes_nothing_more() {
        let once = erased_narrative("call 01712345678", true);
        assert_eq!(erased_narrative(&once, true), once);
    }
}
