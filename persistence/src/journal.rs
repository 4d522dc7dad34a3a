//! What a change writes: the moved case rows, and their timeline events, audit entries and
//! outbox messages. They are collected while the change is worked out and written together at
//! the end of its transaction, a few multi-row statements instead of one per row, which is what
//! lets the deadline worker apply thousands of due cases in seconds.

use crate::StoreError;
use crate::audit::{self, AuditEntry};
use crate::complaints::events::{self, Event};
use crate::complaints::{CaseMove, record_moves};
use crate::db::{Batch, DbConnection};
use crate::outbox::{self, OutboxMessage};

#[derive(Debug, Default)]
pub struct Journal {
    cases: Vec<CaseMove>,
    /// Referrals to open: (case, agency code, who refers); a case already referred there keeps
    /// its referral.
    pub referrals: Vec<(uuid::Uuid, String, String, chrono::DateTime<chrono::Utc>)>,
    pub events: Vec<Event>,
    pub audit: Vec<AuditEntry>,
    pub outbox: Vec<OutboxMessage>,
    /// Held cases that stopped waiting for their caller's code (confirmed, closed unverified,
    /// withdrawn, closed by a coordinator): the code's SMS is hidden in the notice log, or
    /// withdrawn if it has not gone out.
    pub codes_spent: Vec<uuid::Uuid>,
}

impl Journal {
    /// Notes a move of a case. A second move of the same case must be worked out from the
    /// first's result: it replaces the first's change and version to write, and keeps the
    /// version the first was read at. A move from anything else is refused (`StaleVersion`).
    pub fn move_case(&mut self, next: CaseMove) -> Result<(), StoreError> {
        match self.cases.iter_mut().rev().find(|m| m.id == next.id) {
            Some(earlier) if earlier.new_version == next.version => {
                earlier.change = next.change;
                earlier.new_version = next.new_version;
                earlier.at = next.at;
                Ok(())
            }
            Some(earlier) => Err(StoreError::StaleVersion {
                current: earlier.new_version,
            }),
            None => {
                self.cases.push(next);
                Ok(())
            }
        }
    }

    /// Writes everything collected, in the order collected, and empties the journal. A case
    /// changed since it was read fails it all (`StaleVersion`).
    pub fn write(&mut self, conn: &mut DbConnection) -> Result<(), StoreError> {
        record_moves(conn, &std::mem::take(&mut self.cases))?;
        for (complaint_id, agency, by, at) in std::mem::take(&mut self.referrals) {
            crate::authority::referrals::open(conn, complaint_id, &agency, &by, at)?;
        }
        events::append_all(conn, std::mem::take(&mut self.events))?;
        audit::record_all(conn, std::mem::take(&mut self.audit))?;
        self.hide_codes(conn)?;
        outbox::enqueue_all(conn, std::mem::take(&mut self.outbox))
    }

    fn hide_codes(&mut self, conn: &mut DbConnection) -> Result<(), StoreError> {
        for complaint_id in std::mem::take(&mut self.codes_spent) {
            crate::intake::confirmations::hide_code(conn, complaint_id)?;
        }
        Ok(())
    }

    /// The same for a change of a few rows: moves (which check the version they change) are
    /// written now; the new rows (referrals, events, audit entries, outbox) join `batch`, to
    /// be sent with the rest of the change in one statement.
    pub fn write_batched(
        &mut self,
        conn: &mut DbConnection,
        batch: &mut Batch<'_>,
    ) -> Result<(), StoreError> {
        record_moves(conn, &std::mem::take(&mut self.cases))?;
        self.hide_codes(conn)?;
        for (complaint_id, agency, by, at) in std::mem::take(&mut self.referrals) {
            crate::authority::referrals::open_batched(batch, complaint_id, &agency, &by, at);
        }
        events::append_into(batch, std::mem::take(&mut self.events));
        audit::record_into(batch, std::mem::take(&mut self.audit));
        outbox::enqueue_into(batch, std::mem::take(&mut self.outbox));
        Ok(())
    }
}
