//! Deciding a case: the officer working it (any who may decide, before one is assigned) gives
//! the verdict; the case moves to `decided` (the appeal window opens), the decision is recorded,
//! an upheld one's fine and compensation go on the ledger, and any hearing still set ends.

use ccms_domain::access::{Action as Permission, permits};
use ccms_domain::authority::decision::{self, DecisionRecord};
use ccms_domain::authority::ledger::Obligation;
use ccms_domain::complaint::clocks::{ClockKind, Timing};
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::transition::MoveDetails;
use ccms_domain::complaint::{Action, Decision, Poisha, side};
use ccms_persistence::authority::{decisions, hearings, obligations};
use ccms_persistence::journal::Journal;
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::UseCaseError;
use crate::books::Books;
use crate::cases::load_visible;
use crate::moves::{Mover, announce, apply, timeline};
use crate::stage::OnCase;

/// A verdict, parsed.
pub struct DecisionCommand {
    pub on: OnCase,
    pub verdict: Decision,
    pub fine: Poisha,
    pub compensation: Poisha,
    pub reasons: String,
}

/// Decides the case at `now`, in the caller's transaction; answers the record.
pub fn decide(
    conn: &mut DbConnection,
    command: DecisionCommand,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<DecisionRecord, UseCaseError> {
    let DecisionCommand {
        on: OnCase { who, actor, key },
        verdict,
        fine,
        compensation,
        reasons,
    } = command;
    let (who, actor) = (&who, &actor);
    let (case, relation) = load_visible(conn, &key, who)?;
    if !permits(who.role, Permission::DecideCase, relation)
        || !decision::is_decider(case.assigned_officer, &actor.id)
    {
        return Err(UseCaseError::Forbidden);
    }
    let policy = books.policies.of_case(conn, case.routing.policy_version)?;
    let max = Poisha::new(policy.max_fine_poisha)
        .map_err(|_| UseCaseError::Broken("the policy's maximum fine".into()))?;
    decision::check(verdict, fine, compensation, max).map_err(UseCaseError::BadDecision)?;
    let side = side(who.role, relation).ok_or(UseCaseError::Forbidden)?;
    let timing =
        Timing::new(&books.calendars.current(conn)?, &policy).of_category(case.filing.category);
    let by = Mover {
        actor,
        now,
        timing: timing.clone(),
    };
    let mut journal = Journal::default();
    let details = MoveDetails {
        decision: Some(verdict),
        ..MoveDetails::default()
    };
    let after = apply(&case, (Action::Decide, side), &details, &by, &mut journal)?;
    let record = DecisionRecord {
        complaint_id: after.id,
        verdict,
        fine_poisha: fine.value(),
        compensation_poisha: compensation.value(),
        reasons,
        decided_by: actor.id.clone(),
        decided_at: now,
        appeal_until: decision::appeal_until(&after, &timing, now),
    };
    decisions::insert(conn, &record).map_err(|e| match e {
        StoreError::Conflict(_) => StoreError::Conflict("decision".into()),
        other => other,
    })?;
    let due = timing.deadline(ClockKind::RefundPayment, now);
    for ordered in decision::obligations_ordered(fine, compensation) {
        let owed = Obligation::owed(Uuid::now_v7(), after.id, ordered, due, now);
        obligations::insert(conn, &owed)?;
    }
    for ended in decision::hearings_ended(hearings::for_complaint(conn, after.id)?) {
        hearings::close(conn, &ended, now)?;
    }
    let happening = Happening::Decided {
        verdict: record.verdict,
        fine_poisha: record.fine_poisha,
        compensation_poisha: record.compensation_poisha,
        appeal_until: record.appeal_until,
    };
    journal
        .events
        .push(timeline::entry(&after, actor, now, &happening));
    let detail = happening.detail();
    journal
        .outbox
        .push(announce::message(&after, "complaint.decided", now, detail));
    journal.write(conn)?;
    Ok(record)
}
