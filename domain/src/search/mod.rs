//! Finding cases by what people wrote. PostgreSQL has no Bangla text-search configuration and
//! SQLite's tokenisers do not know Bangla either, so the words are made here, once, the same
//! for both databases: a store keeps the words of each case ([`Words`]) and matches whole words
//! of a [`SearchQuery`], never splitting or folding text itself. Both backends therefore find
//! the same cases for the same query.

mod aliases;
mod query;
mod words;

pub use aliases::ALIASES;
pub use query::{SearchQuery, SearchReach};
pub use words::{MAX_WORD_CHARS, Words};
