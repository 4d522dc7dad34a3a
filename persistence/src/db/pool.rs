use std::time::{Duration, Instant};

use diesel::Connection;

use super::{Backend, DbConnection, migrations};
use crate::StoreError;

/// Why a transaction rolled back: the caller's work said no, or the database did.
enum Abort<E> {
    Work(E),
    Database(diesel::result::Error),
}

impl<E> From<diesel::result::Error> for Abort<E> {
    fn from(error: diesel::result::Error) -> Self {
        Abort::Database(error)
    }
}

/// Runs `work` inside the current transaction under a savepoint: its failure undoes only its
/// own writes, so the caller may carry on with the rest. Plain SQL, because the SQLite
/// transactions here are begun by hand (`BEGIN IMMEDIATE`), out of diesel's sight.
pub fn savepoint<T, E: From<StoreError>>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute("SAVEPOINT ccms_item")
        .map_err(StoreError::from)?;
    match work(conn) {
        Ok(done) => {
            conn.batch_execute("RELEASE SAVEPOINT ccms_item")
                .map_err(StoreError::from)?;
            Ok(done)
        }
        Err(error) => {
            conn.batch_execute("ROLLBACK TO SAVEPOINT ccms_item; RELEASE SAVEPOINT ccms_item")
                .map_err(StoreError::from)?;
            Err(error)
        }
    }
}

/// Reads: one connection, no transaction of our own (one statement is consistent by itself,
/// and on SQLite a read must not queue behind writers for the write lock).
fn plain<T, E: From<StoreError>>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    work(conn)
}

/// SQLite: take the write lock at the start (`BEGIN IMMEDIATE`). A deferred transaction that
/// reads and then writes fails at once with "database is locked" when another writer got in
/// between; an immediate one waits its turn under `busy_timeout` instead.
fn immediate<T, E: From<StoreError>>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute("BEGIN IMMEDIATE")
        .map_err(StoreError::from)?;
    match work(conn) {
        Ok(done) => match conn.batch_execute("COMMIT") {
            Ok(()) => Ok(done),
            Err(error) => {
                let _ = conn.batch_execute("ROLLBACK");
                Err(E::from(StoreError::from(error)))
            }
        },
        Err(error) => {
            let _ = conn.batch_execute("ROLLBACK");
            Err(error)
        }
    }
}

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct StoreSettings {
    pub url: String,
    pub max_connections: u32,
    /// How long a request waits for a free connection before the database counts as down.
    pub connect_timeout: Duration,
}

struct Manager(Backend);

/// A connection in the pool, with what its checkout check needs to know. Asking `SELECT 1` on
/// every checkout cost every request a round trip (and PostgreSQL a transaction); a connection
/// in steady use is handed out unchecked, and one is checked only after it failed or sat idle
/// long enough for the database to have gone away meanwhile (a restart, a dropped link).
struct Pooled {
    conn: DbConnection,
    returned: Instant,
    failed: bool,
}

/// Idle longer than this, a connection is checked before it is handed out again.
const TRUSTED_IDLE: Duration = Duration::from_secs(2);

impl r2d2::ManageConnection for Manager {
    type Connection = Pooled;
    type Error = StoreError;

    fn connect(&self) -> Result<Pooled, StoreError> {
        Ok(Pooled {
            conn: self.0.connect()?,
            returned: Instant::now(),
            failed: false,
        })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), StoreError> {
        if !pooled.failed && pooled.returned.elapsed() < TRUSTED_IDLE {
            return Ok(());
        }
        diesel::connection::SimpleConnection::batch_execute(&mut pooled.conn, "SELECT 1")?;
        pooled.failed = false;
        Ok(())
    }

    /// Called as a connection goes back to the pool: it is never thrown away here (a dead one
    /// fails its check at the next checkout, and r2d2 replaces it then).
    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        pooled.returned = Instant::now();
        false
    }
}

/// Runs `work` on a pooled connection; an error marks the connection for a check before its
/// next use.
fn on<T, E>(
    pooled: &mut Pooled,
    work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E> {
    let outcome = work(&mut pooled.conn);
    pooled.failed |= outcome.is_err();
    outcome
}

/// The database handle the application holds: a pool of connections to one backend.
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<Manager>,
    backend: &'static str,
}

/// Pool occupancy, for `/metrics`.
#[derive(Debug, Clone, Copy)]
pub struct PoolUse {
    pub connections: u32,
    pub idle: u32,
    pub max: u32,
}

impl Store {
    /// Builds the pool without connecting, so the server can start (and report not ready)
    /// while the database is still down.
    pub fn new(settings: &StoreSettings) -> Result<Store, StoreError> {
        let backend = Backend::from_url(&settings.url);
        let max = match &backend {
            Backend::Sqlite(path) if path == ":memory:" => 1,
            _ => settings.max_connections.max(1),
        };
        let name = backend.name();
        let pool = r2d2::Pool::builder()
            .max_size(max)
            .min_idle(Some(0))
            .connection_timeout(settings.connect_timeout)
            .build_unchecked(Manager(backend));
        Ok(Store {
            pool,
            backend: name,
        })
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    pub fn migrate(&self) -> Result<usize, StoreError> {
        on(&mut *self.pool.get()?, migrations::run_pending)
    }

    /// Undoes every migration (for the round-trip test of the down migrations).
    pub fn revert_all_migrations(&self) -> Result<usize, StoreError> {
        on(&mut *self.pool.get()?, migrations::revert_all)
    }

    /// Reachable and migrated: what `/readyz` asks.
    pub fn check_ready(&self) -> Result<(), StoreError> {
        if on(&mut *self.pool.get()?, migrations::has_pending)? {
            return Err(StoreError::Migration("pending migrations".into()));
        }
        Ok(())
    }

    /// Runs `work` on one connection inside a transaction: any `Err` rolls everything back.
    /// The caller's own error type passes through, so rules can refuse mid-transaction.
    /// Blocking: call it off the async executor.
    pub fn transaction<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut pooled = self.pool.get().map_err(StoreError::from)?;
        on(&mut pooled, |conn| {
            if matches!(conn, DbConnection::Sqlite(_)) {
                return immediate(conn, work);
            }
            let outcome = DbConnection::transaction(conn, |conn| work(conn).map_err(Abort::Work));
            outcome.map_err(|abort| match abort {
                Abort::Work(error) => error,
                Abort::Database(error) => E::from(StoreError::from(error)),
            })
        })
    }

    /// Runs read-only `work` on one connection, outside an explicit transaction. Blocking.
    pub fn read<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut pooled = self.pool.get().map_err(StoreError::from)?;
        on(&mut pooled, |conn| plain(conn, work))
    }

    pub fn pool_use(&self) -> PoolUse {
        let state = self.pool.state();
        PoolUse {
            connections: state.connections,
            idle: state.idle_connections,
            max: self.pool.max_size(),
        }
    }
}
