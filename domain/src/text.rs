//! Plain text values with bounds: names, addresses. Trimmed, never blank.

use crate::Invalid;

/// A trimmed, non-blank piece of text of at most `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Line<const MAX: usize>(String);

impl<const MAX: usize> Line<MAX> {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        // Length is counted before trimming, as JSON Schema's `maxLength` counts it.
        if raw.chars().count() > MAX {
            return Err(Invalid::field("", "length"));
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

/// The blanks trimmed from text: exactly the set the OpenAPI pattern `[^ \t\n\r]` excludes,
/// so the contract and the parser agree on what "not blank" means.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The OpenAPI pattern for non-blank text.
pub const NON_BLANK_PATTERN: &str = "[^ \t\n\r]";

/// Names of people and organisations.
pub type Name = Line<200>;

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
    }
}
