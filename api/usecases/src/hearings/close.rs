//! Closing a scheduled hearing: cancelled with a reason, or held with attendance and minutes.

use ccms_domain::authority::hearing::{Hearing, HearingStatus, check_held};
use ccms_domain::complaint::{Action, State};
use ccms_persistence::DbConnection;
use ccms_persistence::authority::hearings;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{announce_hearing, hearing_move, open_hearing};
use crate::books::Books;
use crate::moves::Mover;
use crate::stage::OnCase;
use crate::{Conflict, UseCaseError};

/// How a hearing closes.
#[derive(Debug, Clone)]
pub enum Closing {
    Cancelled {
        reason: String,
    },
    Held {
        attendance: Vec<String>,
        minutes: String,
    },
}

impl Closing {
    fn event(&self) -> &'static str {
        match self {
            Closing::Cancelled { .. } => "hearing.cancelled",
            Closing::Held { .. } => "hearing.held",
        }
    }

    fn applied_to(self, hearing: Hearing) -> Hearing {
        match self {
            Closing::Cancelled { reason } => Hearing {
                status: HearingStatus::Cancelled,
                reason: Some(reason),
                ..hearing
            },
            Closing::Held {
                attendance,
                minutes,
            } => Hearing {
                status: HearingStatus::Held,
                attendance: Some(attendance),
                minutes: Some(minutes),
                ..hearing
            },
        }
    }
}

/// Closes the open hearing `hearing_id`. A held one must have had its time come; a cancelled
/// one that was the case's only one sends the case back under investigation (a held one leaves
/// it for the decision).
pub fn close(
    conn: &mut DbConnection,
    (on, hearing_id): (OnCase, Uuid),
    closing: Closing,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Hearing, UseCaseError> {
    let (loaded, old) = open_hearing(conn, books, &on, hearing_id)?;
    let held = matches!(closing, Closing::Held { .. });
    if held {
        check_held(&old, now).map_err(|_| UseCaseError::Conflict(Conflict::HearingNotDue))?;
    }
    let event = closing.event();
    let closed = closing.applied_to(old);
    hearings::close(conn, &closed, now)?;
    let mut journal = Journal::default();
    let case = if held || loaded.case.state != State::HearingScheduled {
        loaded.case.clone()
    } else {
        let by = Mover {
            actor: &on.actor,
            now,
            timing: loaded.timing(books, conn)?,
        };
        hearing_move(&loaded, (&on, Action::CancelHearing), &by, &mut journal)?
    };
    announce_hearing(&mut journal, (&case, event), &closed, &on.actor, now);
    journal.write(conn)?;
    Ok(Hearing {
        updated_at: now,
        ..closed
    })
}
