use diesel::result::{DatabaseErrorKind, Error as DieselError};
use thiserror::Error;

/// Everything that can go wrong below the API. The API maps each variant to one problem type.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique value is taken; the payload names its field (`dbid`, `web_domains`, `code`).
    #[error("{0} is already registered")]
    Conflict(&'static str),
    /// The record changed between reading and writing it.
    #[error("stale version: stored version is {current}")]
    StaleVersion { current: i64 },
    #[error("the pagination cursor is not one this server issued")]
    InvalidCursor,
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Query(DieselError),
    #[error("stored row is invalid: {0}")]
    Corrupt(String),
    #[error("migrations failed: {0}")]
    Migration(String),
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => StoreError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                StoreError::Conflict("unique")
            }
            other => StoreError::Query(other),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(error: r2d2::Error) -> Self {
        StoreError::Unavailable(error.to_string())
    }
}
