//! Scrubbing narratives before they are published: e-mail addresses, and every run of ten or
//! more digits (phone and wallet numbers — bKash, Nagad, Rocket — national ID numbers, card
//! numbers), in Bangla digits (০-৯) as well as ASCII, even with up to three spaces, dashes,
//! dots, slashes, commas, brackets or underscores between the digits. Invisible format
//! characters (zero-width spaces and joiners) are dropped first, so they cannot hide a number.

use std::sync::LazyLock;

use regex::Regex;

/// Ten or more digits of any script, each optionally after one separator.
static NUMBERS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\+?\d(?:[\s\p{Pd}./,()_\[\]]{0,3}\d){9,}").ok());
static INVISIBLE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\p{Cf}").ok());
static EMAILS: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+").ok());

/// The text with every such number and address replaced. Fails closed: if the patterns are
/// unavailable, nothing of the text is published.
pub fn scrub(text: &str) -> String {
    let (Some(numbers), Some(emails), Some(invisible)) =
        (NUMBERS.as_ref(), EMAILS.as_ref(), INVISIBLE.as_ref())
    else {
        return "[withheld]".to_owned();
    };
    let visible = invisible.replace_all(text, "");
    let without_emails = emails.replace_all(&visible, "[email removed]");
    numbers
        .replace_all(&without_emails, "[number removed]")
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_nid_email_and_wallet_numbers_are_removed_in_both_scripts() {
        let text = "আমার নম্বর ০১৭১২৩৪৫৬৭৮, NID 1987654321234, ইমেইল rahim.uddin@example.com, \
                    বিকাশ 01812-345678 এবং Nagad +880 1912 345 678, Rocket ০১৬১২৩৪৫৬৭৮৯।";
        let clean = scrub(text);
        for secret in [
            "০১৭১২৩৪৫৬৭৮",
            "1987654321234",
            "rahim.uddin@example.com",
            "01812-345678",
            "1912 345 678",
            "০১৬১২৩৪৫৬৭৮৯",
        ] {
            assert!(!clean.contains(secret), "{secret} left in {clean}");
        }
        assert!(clean.contains("আমার নম্বর [number removed]"));
        assert!(clean.contains("[email removed]"));
    }

    #[test]
    fn numbers_split_by_odd_separators_or_hidden_characters_are_removed() {
        for written in [
            "01712 - 345678",
            "01712/345678",
            "(017) 1234-5678",
            "০১৭১২,৩৪৫৬৭৮",
            "01712—345678",
            "01712\u{2011}345678",
            "017\u{200B}12345678",
            "4111  1111  1111  1111",
        ] {
            let clean = scrub(&format!("call {written} now"));
            assert!(
                clean.contains("[number removed]"),
                "{written:?} gave {clean}"
            );
            assert!(
                !clean.chars().any(char::is_numeric),
                "{written:?} gave {clean}"
            );
        }
    }

    #[test]
    fn amounts_dates_and_order_numbers_stay() {
        let text = "Paid Tk 18,500 on 2026-10-25 for order ORD-55123; ৳১৮৫০০ দিয়েছি।";
        assert_eq!(scrub(text), text);
    }
}
