//! Connections: one enum over both backends, a pool that picks the backend from the URL,
//! the custom column types, and the embedded migrations.

mod batch;
mod connection;
mod migrations;
mod pool;
pub mod types;

pub use batch::{Batch, Write};
pub use connection::{Backend, DbConnection, MultiBackend};
pub use pool::{Store, StoreSettings, savepoint};
