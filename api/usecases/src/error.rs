//! Every way a use case fails, in its own words; the HTTP crate decides what each answers.

use ccms_domain::complaint::transition::MoveRefused;
use ccms_persistence::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum UseCaseError {
    /// The lifecycle refused the move.
    #[error("move refused")]
    Refused(#[from] MoveRefused),
    /// The store failed or refused (not found, a conflict, a stale version, unavailable).
    #[error("store")]
    Store(#[from] StoreError),
    /// Something the product must always have is missing (no policy published, say).
    #[error("{0}")]
    Broken(String),
}

/// An error and every cause below it, for the log: `store: database query failed: <what the
/// database said>`. Never for an answer's body.
pub fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        next = cause.source();
    }
    text
}
