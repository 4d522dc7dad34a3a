use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, SqliteConnection};

use crate::StoreError;

/// One connection type for both databases, so every query is written once.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL names. Chosen by scheme, never by trial: a down PostgreSQL must
/// report that it is down, not silently open a SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Postgres(String),
    /// A file path, or `:memory:`.
    Sqlite(String),
}

impl Backend {
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres(url.to_owned())
        } else {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            Backend::Sqlite(path.strip_prefix("sqlite:").unwrap_or(path).to_owned())
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Postgres(_) => "postgres",
            Backend::Sqlite(_) => "sqlite",
        }
    }

    pub(crate) fn connect(&self) -> Result<DbConnection, StoreError> {
        match self {
            Backend::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Pg)
                .map_err(|e| StoreError::Unavailable(e.to_string())),
            Backend::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)
                    .map_err(|e| StoreError::Unavailable(e.to_string()))?;
                // busy_timeout first: the other pragmas may already need the lock.
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}
