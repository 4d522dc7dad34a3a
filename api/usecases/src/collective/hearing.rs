//! One hearing for a whole matter: set on every case of it that has none yet, at one time and
//! place (online: one link every complainant joins by), each case moved and its parties told
//! as for a hearing set on that case alone, all in one transaction.

use ccms_domain::authority::hearing::is_open;
use ccms_domain::complaint::{CaseCaller, State};
use ccms_persistence::DbConnection;
use ccms_persistence::authority::hearings;
use ccms_persistence::collective::matters;
use ccms_persistence::complaints as stored;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::books::Books;
use crate::hearings::{HearingDraft, Place, schedule};
use crate::stage::OnCase;
use crate::{Actor, Conflict, UseCaseError};

/// What setting the hearing did.
#[derive(Debug, Default, Serialize)]
pub struct MatterHearing {
    /// Cases the hearing was set on.
    pub scheduled: usize,
    /// Cases that already had a hearing set: theirs stands.
    pub already_scheduled: usize,
    /// Cases no longer under investigation (withdrawn, decided alone): left as they are.
    pub left_out: usize,
}

/// Sets the hearing on every case of the matter at `now`, as `who`.
pub fn schedule_all(
    conn: &mut DbConnection,
    (matter_id, draft): (Uuid, HearingDraft),
    (who, actor): (&CaseCaller, &Actor),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<MatterHearing, UseCaseError> {
    let matter = matters::find_locked(conn, matter_id)?;
    if !matter.heard_by(who.role, who.account_id) {
        return Err(UseCaseError::Forbidden);
    }
    if matter.status == ccms_domain::collective::MatterStatus::Decided {
        return Err(UseCaseError::Conflict(Conflict::MatterDecided));
    }
    let mut done = MatterHearing::default();
    let mut after = None;
    loop {
        let page = matters::cases(conn, matter.id, after, 500)?;
        for id in &page {
            // A case with a hearing still open keeps it; one no longer being investigated
            // (withdrawn, decided alone) is left out, never blocking the others.
            if hearings::for_complaint(conn, *id)?
                .iter()
                .any(|h| is_open(h.status))
            {
                done.already_scheduled += 1;
                continue;
            }
            if stored::find(conn, *id)?.state != State::UnderInvestigation {
                done.left_out += 1;
                continue;
            }
            let on = OnCase {
                who: who.clone(),
                actor: actor.clone(),
                key: id.to_string(),
            };
            schedule(conn, on, draft.clone(), books, now)?;
            done.scheduled += 1;
        }
        match page.last() {
            Some(last) if page.len() == 500 => after = Some(*last),
            _ => break,
        }
    }
    let place = match &draft.place {
        Place::Online { meeting_link } => json!({ "mode": "online", "meeting_link": meeting_link }),
        Place::InPerson { venue } => json!({ "mode": "in_person", "venue": venue }),
    };
    let detail = json!({ "scheduled_at": draft.scheduled_at, "place": place,
        "scheduled": done.scheduled, "already_scheduled": done.already_scheduled });
    matters::record(
        conn,
        matter.id,
        (now, &actor.id),
        "hearing_scheduled",
        detail.clone(),
    )?;
    let mut entry = actor.entry(now, "matter.hearing", "matter", matter.id);
    entry.detail = detail;
    ccms_persistence::audit::record(conn, entry)?;
    Ok(done)
}
