//! Several INSERTs written together. On PostgreSQL they travel as one statement (each a
//! data-modifying `WITH` part), so a filing's six tables cost one round trip instead of six;
//! rows that refer to one another may, since foreign keys are checked at the statement's end.
//! The parts run in no set order, so rows of one table whose numbering order matters (a
//! timeline's events) go in one multi-row part (`insert_rows`). On SQLite, in-process, they
//! run one after another, a row at a time.

use diesel::Connection;
use diesel::Table;
use diesel::insertable::Insertable;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, InsertStatement, QueryFragment, QueryId};
use diesel::result::QueryResult;
use diesel::sqlite::Sqlite;

use super::DbConnection;
use crate::StoreError;

/// A write either backend can run.
pub trait Write: QueryFragment<Pg> + QueryFragment<Sqlite> {}
impl<T: QueryFragment<Pg> + QueryFragment<Sqlite>> Write for T {}

/// The writes collected so far, for the backend of the connection they will run on.
pub enum Batch<'a> {
    Pg(Vec<Box<dyn QueryFragment<Pg> + 'a>>),
    Sqlite(Vec<Box<dyn QueryFragment<Sqlite> + 'a>>),
}

impl<'a> Batch<'a> {
    /// An empty batch to run on `conn`.
    pub fn on(conn: &DbConnection) -> Batch<'a> {
        match conn {
            DbConnection::Pg(_) => Batch::Pg(Vec::new()),
            DbConnection::Sqlite(_) => Batch::Sqlite(Vec::new()),
        }
    }

    /// A write either backend runs as it is.
    pub fn push(&mut self, write: impl Write + 'a) {
        match self {
            Batch::Pg(writes) => writes.push(Box::new(write)),
            Batch::Sqlite(writes) => writes.push(Box::new(write)),
        }
    }

    /// Rows of one table, numbered in order: one multi-row part on PostgreSQL, a row at a
    /// time on SQLite.
    pub fn insert_rows<T, R>(&mut self, table: T, rows: Vec<R>)
    where
        T: Table + Copy + 'a,
        R: Insertable<T> + 'a,
        Vec<R>: Insertable<T>,
        InsertStatement<T, <Vec<R> as Insertable<T>>::Values>: QueryFragment<Pg> + 'a,
        InsertStatement<T, <R as Insertable<T>>::Values>: QueryFragment<Sqlite> + 'a,
    {
        if rows.is_empty() {
            return;
        }
        match self {
            Batch::Pg(writes) => writes.push(Box::new(diesel::insert_into(table).values(rows))),
            Batch::Sqlite(writes) => {
                for row in rows {
                    writes.push(Box::new(diesel::insert_into(table).values(row)));
                }
            }
        }
    }

    /// Runs every write: on PostgreSQL as one statement, on SQLite in the order pushed.
    pub fn run(self, conn: &mut DbConnection) -> Result<(), StoreError> {
        match (self, conn) {
            (Batch::Pg(writes), DbConnection::Pg(pg)) if !writes.is_empty() => {
                pg.execute_returning_count(&Together(&writes))?;
            }
            (Batch::Sqlite(writes), DbConnection::Sqlite(sqlite)) => {
                for write in &writes {
                    sqlite.execute_returning_count(&One(write.as_ref()))?;
                }
            }
            (Batch::Pg(writes), DbConnection::Pg(_)) if writes.is_empty() => {}
            _ => return Err(StoreError::Corrupt("a batch run on another backend".into())),
        }
        Ok(())
    }
}

/// `WITH w0 AS (INSERT ...), w1 AS (INSERT ...) SELECT 1`: every part runs exactly once.
struct Together<'b, 'a>(&'b [Box<dyn QueryFragment<Pg> + 'a>]);

impl QueryFragment<Pg> for Together<'_, '_> {
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        for (i, write) in self.0.iter().enumerate() {
            pass.push_sql(if i == 0 { "WITH " } else { ", " });
            pass.push_sql(&format!("w{i} AS ("));
            write.walk_ast(pass.reborrow())?;
            pass.push_sql(")");
        }
        pass.push_sql(" SELECT 1");
        Ok(())
    }
}

/// Prepared and kept by its SQL text: a filing's batch has the same shape every time.
impl QueryId for Together<'_, '_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

struct One<'b, 'a>(&'b (dyn QueryFragment<Sqlite> + 'a));

impl QueryFragment<Sqlite> for One<'_, '_> {
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }
}

impl QueryId for One<'_, '_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}
