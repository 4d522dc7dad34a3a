//! What a change writes besides its own row: timeline events, audit entries and outbox
//! messages. They are collected while the change is worked out and written together at the
//! end of its transaction, a few multi-row statements instead of one per entry, which is what
//! lets the deadline worker apply thousands of due cases in seconds.

use crate::StoreError;
use crate::audit::{self, AuditEntry};
use crate::complaints::events::{self, Event};
use crate::db::DbConnection;
use crate::outbox::{self, OutboxMessage};

#[derive(Debug, Default)]
pub struct Journal {
    pub events: Vec<Event>,
    pub audit: Vec<AuditEntry>,
    pub outbox: Vec<OutboxMessage>,
}

impl Journal {
    /// Writes everything collected, in the order collected, and empties the journal.
    pub fn write(&mut self, conn: &mut DbConnection) -> Result<(), StoreError> {
        events::append_all(conn, std::mem::take(&mut self.events))?;
        audit::record_all(conn, std::mem::take(&mut self.audit))?;
        outbox::enqueue_all(conn, std::mem::take(&mut self.outbox))
    }
}
