use diesel::result::{DatabaseErrorKind, Error as DieselError};
use thiserror::Error;

/// Everything that can go wrong below the API. The API maps each variant to one problem type.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique value is taken; the payload names its field (`dbid`, `web_domains`, `code`).
    #[error("{0} is already registered")]
    Conflict(String),
    /// The record changed between reading and writing it.
    #[error("stale version: stored version is {current}")]
    StaleVersion { current: i64 },
    #[error("the pagination cursor is not one this server issued")]
    InvalidCursor,
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Anything else the database said; the cause is kept for the log.
    #[error("database query failed")]
    Query(#[source] DieselError),
    #[error("stored row is invalid: {0}")]
    Corrupt(String),
    #[error("migrations failed: {0}")]
    Migration(String),
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => StoreError::NotFound,
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                StoreError::Conflict(unique_field(info.constraint_name(), info.message()))
            }
            DieselError::DatabaseError(_, info)
                if info.message().contains("database is locked") =>
            {
                StoreError::Unavailable("database busy".into())
            }
            // The server went away mid-request (stopped, restarted, network): not our bug.
            DieselError::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => StoreError::Unavailable(info.message().to_owned()),
            DieselError::DatabaseError(_, info) if lost_server(info.message()) => {
                StoreError::Unavailable(info.message().to_owned())
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

/// PostgreSQL's words for a server that shut down or a connection that broke.
fn lost_server(message: &str) -> bool {
    [
        "terminating connection",
        "server closed the connection",
        "the database system is shutting down",
        "the database system is starting up",
        "no connection to the server",
        "connection to server",
    ]
    .iter()
    .any(|words| message.contains(words))
}

/// The column a unique violation is about: from PostgreSQL's constraint name
/// (`accounts_email_key`) or SQLite's message (`UNIQUE constraint failed: accounts.email`).
fn unique_field(constraint: Option<&str>, message: &str) -> String {
    let from_sqlite = message
        .rsplit_once('.')
        .map(|(_, column)| column.trim().to_owned());
    let from_postgres = constraint.and_then(|name| {
        if name == "business_domains_pkey" {
            return Some("domain".to_owned());
        }
        let name = name
            .strip_suffix("_key")
            .or_else(|| name.strip_suffix("_pkey"))?;
        [
            "accounts_",
            "agencies_",
            "businesses_",
            "business_domains_",
            "partner_clients_",
            "complaints_",
        ]
        .iter()
        .find_map(|table| name.strip_prefix(table))
        .map(str::to_owned)
    });
    match from_postgres.or(from_sqlite).as_deref() {
        Some("domain") => "web_domains".to_owned(),
        Some(column) => column.to_owned(),
        None => "unique".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::unique_field;

    #[test]
    fn unique_violations_name_their_column_on_both_databases() {
        assert_eq!(unique_field(Some("accounts_email_key"), ""), "email");
        assert_eq!(
            unique_field(None, "UNIQUE constraint failed: accounts.email"),
            "email"
        );
        assert_eq!(
            unique_field(Some("business_domains_pkey"), ""),
            "web_domains"
        );
        assert_eq!(
            unique_field(Some("something_else"), "no dot here"),
            "unique"
        );
        assert_eq!(
            unique_field(None, "UNIQUE constraint failed: business_domains.domain"),
            "web_domains"
        );
    }
}

#[cfg(test)]
mod cause_tests {
    use std::error::Error as _;

    use super::*;

    #[test]
    fn a_failed_query_keeps_what_the_database_said_as_its_cause() {
        let failed = StoreError::from(DieselError::QueryBuilderError("no such column".into()));
        assert_eq!(failed.to_string(), "database query failed");
        let cause = failed.source().map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("no such column"));
    }
}
