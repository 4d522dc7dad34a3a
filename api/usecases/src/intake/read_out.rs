//! What a hotline operator reads out to a caller who gives a tracking number and the phone the
//! case was filed with: its state and what it waits for, nothing more. Any other pairing is
//! "not found", as for a number that does not exist. Every reading is audited, a miss too
//! (with the number asked for, never the phone).

use ccms_domain::complaint::{State, TrackingNumber};
use ccms_domain::contact::PhoneNumber;
use ccms_persistence::journal::Journal;
use ccms_persistence::{DbConnection, StoreError, complaints};
use chrono::{DateTime, Utc};

use crate::{Actor, UseCaseError};

/// The status as read out.
#[derive(Debug, Clone)]
pub struct ReadOut {
    pub tracking_number: String,
    pub state: State,
    pub filed_at: DateTime<Utc>,
    /// When the case's next clock runs out, if one runs.
    pub next_deadline: Option<DateTime<Utc>>,
}

pub fn read_out(
    conn: &mut DbConnection,
    (tracking, phone): (&TrackingNumber, &PhoneNumber),
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Option<ReadOut>, UseCaseError> {
    let found = match complaints::find_by_tracking(conn, tracking) {
        Ok(case) if case.consumer_phone == *phone => Some(case),
        Ok(_) | Err(StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    let mut journal = Journal::default();
    let entry = match &found {
        Some(case) => actor.entry(now, "complaint.status_read_out", "complaint", case.id),
        None => actor.entry(
            now,
            "complaint.status_read_out_missed",
            "tracking_number",
            tracking.as_str(),
        ),
    };
    journal.audit.push(entry);
    journal.write(conn)?;
    let Some(case) = found else {
        return Ok(None);
    };
    Ok(Some(ReadOut {
        tracking_number: case.tracking_number.as_str().to_owned(),
        state: case.state,
        filed_at: case.created_at,
        next_deadline: case.clocks.next_due(),
    }))
}
