//! What a caller asks to find, and how far each role may search.

use super::aliases;
use super::words::{fold, numbers, tokens};
use crate::Invalid;
use crate::access::Role;

/// The longest query, in characters, and the most words one may hold.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_QUERY_WORDS: usize = 8;

/// Words a case must all hold, in their search form (a known word in its stored spelling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery(Vec<String>);

impl SearchQuery {
    pub fn parse(raw: &str) -> Result<SearchQuery, Invalid> {
        if raw.chars().count() > MAX_QUERY_CHARS {
            return Err(Invalid::field("", "length"));
        }
        if raw.contains('\0') {
            return Err(Invalid::field("", "nul_character"));
        }
        let folded = fold(raw);
        // A number the query writes with separators is looked for as its digits (which every
        // case holding it keeps), a Bangladeshi number in its home form, a known word in its
        // stored spelling.
        let joined = numbers(&folded);
        let mut words: Vec<String> = tokens(&folded)
            .filter(|w| !(is_number(w) && joined.iter().any(|n| n.contains(w.as_str()))))
            .chain(joined.iter().cloned())
            .map(|w| stored_form(&w))
            .collect();
        words.sort();
        words.dedup();
        match words.len() {
            0 => Err(Invalid::field("", "blank")),
            n if n > MAX_QUERY_WORDS => Err(Invalid::field("", "too_many_words")),
            _ => Ok(SearchQuery(words)),
        }
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }

    /// Whether a word holds a digit: numbers are what oversight readers see masked.
    pub fn has_numbers(&self) -> bool {
        self.0.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
    }
}

fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
}

fn stored_form(word: &str) -> String {
    if word.len() == 13 && word.starts_with("880") && is_number(word) {
        return word[2..].to_owned();
    }
    aliases::canonical(word).unwrap_or(word).to_owned()
}

/// How far a role may search cases (always within what it may list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchReach {
    /// Not at all: consumers and businesses list their own cases, and a search over the staff's
    /// notes would tell them what the notes say.
    Nothing,
    /// Words but no numbers, no phone: an auditor reads text with numbers and addresses
    /// scrubbed (`Disclosure::Oversight`), and finding a case by one would tell what the
    /// scrubbing hides.
    Words,
    /// Words, numbers, phone numbers.
    Everything,
}

impl SearchReach {
    pub fn of(role: Role) -> SearchReach {
        match role {
            Role::Officer | Role::Regulator | Role::Coordinator => SearchReach::Everything,
            Role::Auditor => SearchReach::Words,
            Role::Consumer
            | Role::BusinessAgent
            | Role::Partner
            | Role::Admin
            | Role::IntakeOperator => SearchReach::Nothing,
        }
    }

    /// The refusal's rule code if this reach does not cover `query` (`None`: a phone search).
    pub fn refuses(self, query: Option<&SearchQuery>) -> Option<&'static str> {
        match (self, query) {
            (SearchReach::Nothing, _) => Some("search_staff_only"),
            (SearchReach::Words, None) => Some("search_numbers_masked"),
            (SearchReach::Words, Some(q)) if q.has_numbers() => Some("search_numbers_masked"),
            (SearchReach::Words | SearchReach::Everything, _) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_its_distinct_words_in_search_form() {
        let query = SearchQuery::parse("বিকাশ  ফেরত ৫০০ ফেরত").unwrap();
        assert_eq!(query.words(), ["500", "bkash", "ফেরত"]);
        assert!(query.has_numbers());
    }

    #[test]
    fn a_phone_in_a_query_is_looked_for_in_its_home_form() {
        for written in ["+880 1712-345678", "০১৭১২ ৩৪৫৬৭৮", "8801712345678"] {
            let query = SearchQuery::parse(written).unwrap();
            assert_eq!(query.words(), ["01712345678"], "{written}");
        }
        let query = SearchQuery::parse("500 টাকা, 01712-345678").unwrap();
        assert_eq!(query.words(), ["01712345678", "500", "টাকা"]);
    }

    #[test]
    fn a_query_without_words_or_with_too_many_is_refused() {
        assert_eq!(SearchQuery::parse(" ।, "), Err(Invalid::field("", "blank")));
        let nine = "a b c d e f g h i";
        assert_eq!(
            SearchQuery::parse(nine),
            Err(Invalid::field("", "too_many_words"))
        );
        assert!(SearchQuery::parse("a b c d e f g h").is_ok());
        assert!(SearchQuery::parse(&"ক".repeat(MAX_QUERY_CHARS + 1)).is_err());
    }

    #[test]
    fn auditors_search_words_but_not_numbers_and_parties_not_at_all() {
        let words = SearchQuery::parse("ফেরত").unwrap();
        let number = SearchQuery::parse("01712345678").unwrap();
        assert_eq!(SearchReach::of(Role::Auditor).refuses(Some(&words)), None);
        assert!(
            SearchReach::of(Role::Auditor)
                .refuses(Some(&number))
                .is_some()
        );
        assert!(SearchReach::of(Role::Auditor).refuses(None).is_some());
        assert_eq!(SearchReach::of(Role::Regulator).refuses(None), None);
        for role in [
            Role::Consumer,
            Role::BusinessAgent,
            Role::Partner,
            Role::Admin,
        ] {
            assert_eq!(
                SearchReach::of(role).refuses(Some(&words)),
                Some("search_staff_only")
            );
        }
    }
}
