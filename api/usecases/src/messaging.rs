//! Writing on a case: a message to the other parties, or a note only staff will see. Either is
//! a timeline entry with its audit entry; a message is also announced (`complaint.message_added`).

use ccms_domain::access::{Action as Permission, permits};
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::search::Words;
use ccms_domain::text::Line;
use ccms_persistence::complaints as stored;
use ccms_persistence::complaints::events::{self, Event};
use ccms_persistence::{DbConnection, audit, outbox};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::UseCaseError;
use crate::cases::load_visible;
use crate::moves::{announce, timeline};
use crate::stage::OnCase;

/// What the caller writes on the case, and whether it is a staff-only note.
pub struct Writing {
    pub on: OnCase,
    pub text: Line<5000>,
    pub internal: bool,
}

/// Adds the message or note to the case's timeline at `now`; answers the entry as numbered.
/// A case the caller may not see is `NotFound`; one it may not write on so, `Forbidden`.
pub fn post(
    conn: &mut DbConnection,
    Writing { on, text, internal }: Writing,
    now: DateTime<Utc>,
) -> Result<Event, UseCaseError> {
    let (case, relation) = load_visible(conn, &on.key, &on.who)?;
    let permission = if internal {
        Permission::NoteCase
    } else {
        Permission::MessageCase
    };
    if !permits(on.who.role, permission, relation) {
        return Err(UseCaseError::Forbidden);
    }
    // Locked first, so an erasure committing meanwhile is seen.
    ccms_persistence::complaints::lock(conn, case.id)?;
    crate::stage::refuse_erased(&ccms_persistence::complaints::find(conn, case.id)?)?;
    let text = text.as_str().to_owned();
    stored::search::extend(conn, case.id, &Words::of([text.as_str()]))?;
    let said = if internal {
        Happening::Note { text }
    } else {
        Happening::Message { text }
    };
    let event = events::append_numbered(conn, timeline::entry(&case, &on.actor, now, &said))?;
    if !internal {
        let role = json!({ "role": on.actor.role });
        let told = announce::message(&case, "complaint.message_added", now, role);
        outbox::enqueue_all(conn, vec![told])?;
    }
    let entry = on
        .actor
        .entry(now, "complaint.message", "complaint", case.id);
    audit::record(conn, entry)?;
    Ok(event)
}
