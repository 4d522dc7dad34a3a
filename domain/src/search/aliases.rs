//! Words consumers write in either script: a brand or a loan word in Bangla letters or in
//! Latin ones. Each row is one word; the first spelling is the one stored beside any of the
//! others, so a search in either script finds both. A row is added when staff find a word
//! that people spell both ways; spellings are folded like any text before they are compared.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::words::{fold, tokens};

/// Each row: the stored form first (Latin, lower case), then its other spellings.
pub const ALIASES: &[&[&str]] = &[
    &["evaly", "ইভ্যালি", "ইভালি"],
    &["bkash", "বিকাশ"],
    &["nagad", "নগদ"],
    &["rocket", "রকেট"],
    &["daraz", "দারাজ"],
    &["foodpanda", "ফুডপান্ডা"],
    &["pathao", "পাঠাও"],
    &["chaldal", "চালডাল"],
    &["refund", "রিফান্ড"],
    &["delivery", "ডেলিভারি"],
    &["order", "অর্ডার"],
    &["product", "প্রোডাক্ট"],
    &["courier", "কুরিয়ার"],
    &["payment", "পেমেন্ট"],
    &["mobile", "মোবাইল"],
    &["phone", "ফোন"],
    &["cash", "ক্যাশ"],
    &["voucher", "ভাউচার"],
    &["cashback", "ক্যাশব্যাক"],
    &["offer", "অফার"],
];

static CANONICAL: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for row in ALIASES {
        let Some(stored) = row.first() else { continue };
        for spelling in row.iter().skip(1) {
            for word in tokens(&fold(spelling)) {
                map.insert(word, *stored);
            }
        }
    }
    map
});

/// The stored form of a word spelt another way, if it is one of [`ALIASES`].
pub(super) fn canonical(word: &str) -> Option<&'static str> {
    CANONICAL.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_is_one_word_and_every_stored_form_is_already_folded() {
        for row in ALIASES {
            for spelling in *row {
                assert_eq!(tokens(&fold(spelling)).count(), 1, "{spelling}");
            }
            assert_eq!(fold(row[0]), row[0], "{}", row[0]);
        }
    }

    #[test]
    fn a_bangla_spelling_leads_to_its_latin_form() {
        assert_eq!(canonical("বিকাশ"), Some("bkash"));
        assert_eq!(canonical("bkash"), None);
        assert_eq!(canonical("টাকা"), None);
    }
}
