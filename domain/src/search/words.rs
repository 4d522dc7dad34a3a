//! The search form of text. People type Bangla in several byte forms that read the same: a
//! nukta letter precomposed or not, khanda ta as one letter or as ta, hasanta and a zero-width
//! joiner, zero-width (non-)joiners anywhere, Bangla or ASCII digits, phone numbers with or
//! without separators and country code. Each reading has one search form here.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::aliases;

/// The longest word kept: longer runs (hashes, pasted tokens) are cut, not stored whole.
pub const MAX_WORD_CHARS: usize = 48;
/// The most distinct words a case keeps; more text adds nothing findable.
const MAX_WORDS: usize = 4000;
/// Digit runs at least this long are also kept without their separators (`01712-345678`).
const NUMBER_DIGITS: usize = 6;

/// The distinct words of a case's texts, in their search form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words(BTreeSet<String>);

impl Words {
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Words {
        let mut words = Words::default();
        for text in texts {
            words.add(text);
        }
        words
    }

    /// Words as a store keeps them ([`Words::joined`]), read back without folding again.
    pub fn from_stored(stored: &str) -> Words {
        let kept = stored.split(' ').filter(|w| !w.is_empty()).take(MAX_WORDS);
        Words(kept.map(str::to_owned).collect())
    }

    /// Adds the words of `text`, each with its alias if it has one.
    pub fn add(&mut self, text: &str) {
        let folded = fold(text);
        let found = tokens(&folded).chain(numbers(&folded));
        for word in found {
            if self.0.len() >= MAX_WORDS {
                return;
            }
            if let Some(alias) = aliases::canonical(&word) {
                self.0.insert(alias.to_owned());
            }
            self.0.insert(word);
        }
    }

    /// Adds `other`'s words, up to the limit a case keeps.
    pub fn merge(&mut self, other: &Words) {
        for word in &other.0 {
            if self.0.len() >= MAX_WORDS {
                return;
            }
            self.0.insert(word.clone());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The words separated by single spaces, as the stores keep them.
    pub fn joined(&self) -> String {
        self.0
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One form for each reading: khanda ta written as ta + hasanta + ZWJ becomes `ৎ`, then NFKC
/// (which also decomposes the nukta letters, as Unicode excludes them from composition),
/// invisible format characters dropped, Bangla digits made ASCII, lower case.
pub(super) fn fold(text: &str) -> String {
    let text = text.replace("\u{09A4}\u{09CD}\u{200D}", "\u{09CE}");
    text.nfkc()
        .filter(|c| !is_invisible(*c))
        .map(ascii_digit)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of folded text: runs of letters, digits and the marks that belong to them
/// (Bangla vowel signs, hasanta, chandrabindu), cut at [`MAX_WORD_CHARS`].
pub(super) fn tokens(folded: &str) -> impl Iterator<Item = String> + '_ {
    folded
        .split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WORD_CHARS).collect())
}

/// Numbers written with separators (`01712-345678`, `+880 1712 345678`) also as their digits,
/// and a Bangladeshi number with its country code also as it is dialled at home (`01712345678`).
pub(super) fn numbers(folded: &str) -> Vec<String> {
    let mut found = Vec::new();
    let (mut digits, mut separated, mut gap) = (String::new(), false, 0);
    for c in folded.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_digit() {
            digits.push(c);
            separated |= gap > 0;
            gap = 0;
        } else if matches!(c, ' ' | '-' | '.' | '/') && !digits.is_empty() && gap == 0 {
            gap = 1;
        } else {
            if digits.len() >= NUMBER_DIGITS {
                if separated {
                    found.push(digits.clone());
                }
                if digits.len() == 13 && digits.starts_with("880") {
                    found.push(digits[2..].to_owned());
                }
            }
            (digits, separated, gap) = (String::new(), false, 0);
        }
    }
    found
        .into_iter()
        .map(|n| n.chars().take(MAX_WORD_CHARS).collect())
        .collect()
}

/// Format characters that change nothing a reader sees: zero-width space, (non-)joiner,
/// direction marks, soft hyphen, word joiner, byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

use crate::text::ascii_digit;

#[cfg(test)]
#[path = "words_tests.rs"]
mod tests;
