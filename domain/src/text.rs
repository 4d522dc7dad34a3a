//! Plain text values with bounds: names, addresses. Trimmed, never blank.

use crate::Invalid;

/// A trimmed, non-blank piece of text of at most `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Line<const MAX: usize>(String);

impl<const MAX: usize> Line<MAX> {
    /// The most characters it holds.
    pub const MAX: usize = MAX;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        // Length is counted before trimming, as JSON Schema's `maxLength` counts it.
        if raw.chars().count() > MAX {
            return Err(Invalid::field("", "length"));
        }
        // PostgreSQL cannot store NUL in text; refuse it everywhere rather than fail later.
        if raw.contains('\0') {
            return Err(Invalid::field("", "nul_character"));
        }
        let trimmed = raw.trim_matches(is_blank);
        if trimmed.is_empty() {
            return Err(Invalid::field("", "blank"));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The blanks trimmed from text: exactly the set [`TEXT_PATTERN`] treats as blank, so the
/// contract and the parser agree on what "not blank" means.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The OpenAPI pattern for text: at least one non-blank character, and no NUL anywhere.
pub const TEXT_PATTERN: &str = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$";

/// Names of people and organisations.
pub type Name = Line<200>;

/// A Bangla digit as its ASCII one (Bangla digits are the ten code points from U+09E6);
/// anything else as it is. How numbers typed on a Bangla keyboard are read everywhere.
pub fn ascii_digit(c: char) -> char {
    match c {
        '০'..='৯' => char::from_u32(u32::from(c) - 0x09E6 + u32::from('0')).unwrap_or(c),
        other => other,
    }
}

/// `72` as `৭২`: how a number is written for Bangla readers.
pub fn bangla_digits(number: &str) -> String {
    number
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32('০' as u32 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_bangla() {
        let name = Name::parse("  দারাজ বাংলাদেশ ").unwrap();
        assert_eq!(name.as_str(), "দারাজ বাংলাদেশ");
    }

    #[test]
    fn refuses_blank_and_overlong_text() {
        assert!(Name::parse("   ").is_err());
        assert!(Name::parse(&"ক".repeat(201)).is_err());
        assert!(Name::parse(&"ক".repeat(200)).is_ok());
        assert_eq!(
            Name::parse("a\0b"),
            Err(Invalid::field("", "nul_character"))
        );
    }
}
