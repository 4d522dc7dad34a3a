use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;
use crate::StoreError;

const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");

/// Applies every pending migration; returns how many ran.
pub(crate) fn run_pending(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let applied = match conn {
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES).map(|v| v.len()),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.len()),
    };
    applied.map_err(|e| StoreError::Migration(e.to_string()))
}

/// Whether the schema is behind the binary.
pub(crate) fn has_pending(conn: &mut DbConnection) -> Result<bool, StoreError> {
    let pending = match conn {
        DbConnection::Pg(c) => c.has_pending_migration(POSTGRES),
        DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE),
    };
    pending.map_err(|e| StoreError::Migration(e.to_string()))
}

/// Undoes every applied migration, newest first; returns how many. Only the up/down/up round
/// trip test calls it: a down migration that does not undo its up fails there, not in an
/// operator's emergency.
pub(crate) fn revert_all(conn: &mut DbConnection) -> Result<usize, StoreError> {
    let reverted = match conn {
        DbConnection::Pg(c) => c.revert_all_migrations(POSTGRES).map(|v| v.len()),
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE).map(|v| v.len()),
    };
    reverted.map_err(|e| StoreError::Migration(e.to_string()))
}
