//! One decision for every case of a matter, by the matter's officer: each case is decided as
//! one case is (`crate::deciding::decide`: its outcome, its own compensation and the fine, the
//! appeal window, its timeline, audit and outbox entries), all in the caller's one transaction,
//! so the matter is decided whole or not at all.

use ccms_domain::collective::matter::decidable;
use ccms_domain::collective::{MatterDecision, MatterStatus};
use ccms_domain::complaint::{CaseCaller, Poisha};
use ccms_persistence::DbConnection;
use ccms_persistence::collective::matters;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::books::Books;
use crate::cases::load_visible;
use crate::deciding::{DecisionCommand, decide};
use crate::stage::OnCase;
use crate::{Actor, Conflict, UseCaseError};

/// Cases read per round: the decision holds only this many at once, however large the matter.
const PAGE: i64 = 500;

/// What the decision wrote.
#[derive(Debug, Default, Serialize)]
pub struct MatterDecided {
    pub cases_decided: usize,
    pub compensation_poisha: i64,
    pub fine_poisha: i64,
    /// Cases in the matter no longer decidable with it (withdrawn, merged, decided alone,
    /// reassigned): left as they are.
    pub left_out: Vec<Uuid>,
}

/// Decides every case of the matter at `now`; the caller must be the matter's officer.
pub fn decide_all(
    conn: &mut DbConnection,
    (matter_id, decision, reasons): (Uuid, MatterDecision, String),
    (who, actor): (&CaseCaller, &Actor),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<MatterDecided, UseCaseError> {
    let matter = matters::find_locked(conn, matter_id)?;
    if !matter.decided_by(who.account_id) {
        return Err(UseCaseError::Forbidden);
    }
    if matter.status == MatterStatus::Decided {
        return Err(UseCaseError::Conflict(Conflict::MatterDecided));
    }
    let max = Poisha::new(books.policies.current(conn)?.max_fine_poisha)?;
    decision.check(max).map_err(UseCaseError::BadDecision)?;
    let mut decided = MatterDecided::default();
    let mut after = None;
    loop {
        let page = matters::cases(conn, matter.id, after, PAGE)?;
        for id in &page {
            let (case, _) = load_visible(conn, &id.to_string(), who)?;
            if !decidable(&matter, &case) {
                decided.left_out.push(*id);
                continue;
            }
            let (fine, compensation) = decision.ordered_on(&case);
            let command = DecisionCommand {
                on: OnCase {
                    who: who.clone(),
                    actor: actor.clone(),
                    key: id.to_string(),
                },
                verdict: decision.verdict,
                fine,
                compensation,
                reasons: reasons.clone(),
            };
            decide(conn, command, books, now)?;
            decided.cases_decided += 1;
            decided.compensation_poisha = decided
                .compensation_poisha
                .saturating_add(compensation.value());
            decided.fine_poisha = decided.fine_poisha.saturating_add(fine.value());
        }
        match page.last() {
            Some(last) if i64::try_from(page.len()).unwrap_or(0) == PAGE => after = Some(*last),
            _ => break,
        }
    }
    matters::set_status(conn, &matter, MatterStatus::Decided, now)?;
    let detail = json!({ "verdict": decision.verdict, "refund": decision.refund,
        "fine_per_case_poisha": decision.fine_per_case.value(), "cases": decided.cases_decided,
        "left_out": decided.left_out.len() });
    matters::record(conn, matter.id, (now, &actor.id), "decided", detail.clone())?;
    let mut entry = actor.entry(now, "matter.decide", "matter", matter.id);
    entry.detail = detail;
    ccms_persistence::audit::record(conn, entry)?;
    Ok(decided)
}
