//! The compensation ledger of a case: the payer pays (with a reference), the receiver confirms;
//! confirming a fine records it as collected, which owes the complainant their share of it
//! (the policy's `complainant_share`, 25% as shipped [CRPA 2009 s.76(4)]).

use ccms_domain::access::Action as Permission;
use ccms_domain::authority::ledger::{self, LedgerStep, Obligation, Party, complainant_share};
use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::{Poisha, side};
use ccms_persistence::DbConnection;
use ccms_persistence::authority::obligations;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::books::Books;
use crate::moves::{Mover, announce, timeline};
use crate::redress;
use crate::stage::{Loaded, OnCase};
use crate::{Conflict, UseCaseError};

/// A step on one obligation of the case: `Pay` with its payment reference, `Confirm`, or
/// `Dispute` with the receiver's reason.
#[derive(Debug, Clone)]
pub enum Settlement {
    Pay { reference: String },
    Confirm,
    Dispute { reason: String },
}

impl Settlement {
    fn step(&self) -> LedgerStep {
        match self {
            Settlement::Pay { .. } => LedgerStep::Pay,
            Settlement::Confirm => LedgerStep::Confirm,
            Settlement::Dispute { .. } => LedgerStep::Dispute,
        }
    }
}

/// Takes `settlement` on the case's obligation `obligation_id` as the caller's party; answers
/// the obligation after it.
pub fn settle(
    conn: &mut DbConnection,
    (on, obligation_id): (OnCase, Uuid),
    settlement: Settlement,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Obligation, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::SettleObligation)?;
    let party = side(on.who.role, loaded.relation)
        .and_then(Party::of)
        .ok_or(UseCaseError::Forbidden)?;
    let current = obligations::find(conn, loaded.case.id, obligation_id)?;
    let step = settlement.step();
    let status = ledger::step(current.kind, current.status, step, party)
        .ok_or(UseCaseError::Conflict(Conflict::StepNotAllowed))?;
    let (after, note) = match settlement {
        Settlement::Pay { reference } => (
            Obligation {
                status,
                reference: Some(reference.clone()),
                dispute_reason: None,
                paid_at: Some(now),
                ..current.clone()
            },
            Some(reference),
        ),
        Settlement::Confirm => (
            Obligation {
                status,
                confirmed_at: Some(now),
                ..current.clone()
            },
            None,
        ),
        Settlement::Dispute { reason } => (
            Obligation {
                status,
                dispute_reason: Some(reason.clone()),
                ..current.clone()
            },
            Some(reason),
        ),
    };
    obligations::record_step(conn, &current, &after)?;
    let (actor, case) = (&on.actor, &loaded.case);
    let mut journal = Journal::default();
    let timing = loaded.timing(books, conn)?;
    if let Some(kind) = ledger::follows(after.kind, step) {
        let share = complainant_share(
            Poisha::new(after.amount_poisha)?,
            &loaded.policy.complainant_share,
        );
        let due = timing.deadline(ClockKind::RefundPayment, now);
        let share = Obligation::owed(Uuid::now_v7(), case.id, (kind, share.value()), due, now);
        obligations::insert(conn, &share)?;
        let owed = Happening::of_obligation(&share, None, None);
        journal
            .events
            .push(timeline::entry(case, actor, now, &owed));
    }
    let stepped = Happening::of_obligation(&after, None, note);
    journal
        .events
        .push(timeline::entry(case, actor, now, &stepped));
    let detail = stepped.detail();
    journal
        .outbox
        .push(announce::message(case, "obligation.updated", now, detail));
    let mut audit = actor.entry(now, "obligation.step", "complaint", case.id);
    audit.detail = json!({ "obligation_id": after.id, "step": step });
    journal.audit.push(audit);
    let by = Mover { actor, now, timing };
    redress::follow_ledger(conn, case, &by, &mut journal)?;
    journal.write(conn)?;
    Ok(Obligation {
        version: current.version + 1,
        ..after
    })
}
