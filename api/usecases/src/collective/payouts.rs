//! Paying out a matter: the lines a payment gateway or escrow agent is sent, a page at a time,
//! and its report applied to the ledger. A paid line is the payer's `pay` step, taken by the
//! gateway on the business's behalf; a failed one keeps the obligation owed with the reason.
//! A report applied twice changes nothing the second time; a line that matches no unpaid
//! obligation of the matter is refused and reported, the rest still applied.

use ccms_domain::authority::ledger::{Obligation, ObligationStatus};
use ccms_domain::collective::payout::{self, PayoutLine, PayoutResult, Reconciled, payee};
use ccms_domain::complaint::PaymentMethod;
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::DbConnection;
use ccms_persistence::authority::obligations;
use ccms_persistence::collective::{matters, payouts};
use ccms_persistence::complaints as stored;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::books::Books;
use crate::moves::{Mover, announce, timeline};
use crate::{Actor, UseCaseError, redress};

/// The matter's unpaid payout lines after `after`, at most `limit`.
pub fn lines(
    conn: &mut DbConnection,
    matter: Uuid,
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<PayoutLine>, UseCaseError> {
    let owed = payouts::unpaid(conn, matter, after, limit)?;
    Ok(owed
        .into_iter()
        .map(|(o, p)| {
            let paid_with: PaymentMethod =
                serde_json::from_value(json!(p.payment_method)).unwrap_or(PaymentMethod::Other);
            let (method, account) = payee(paid_with, &p.phone, p.pushed);
            PayoutLine {
                tracking_number: p.tracking_number,
                obligation_id: o.id,
                method,
                account,
                amount_poisha: o.amount_poisha,
                reference: o.id.to_string(),
            }
        })
        .collect())
}

/// One line of a gateway's report, as read.
#[derive(Debug, Clone)]
pub struct ReportLine {
    /// The line's number in the file (the header is line 1).
    pub line: usize,
    pub obligation_id: Uuid,
    pub amount_poisha: i64,
    pub result: PayoutResult,
}

/// What a report did.
#[derive(Debug, Default, Serialize)]
pub struct Reconciliation {
    pub paid: usize,
    pub failed: usize,
    pub unchanged: usize,
    /// Lines not applied: `(line, reason)`.
    pub refused: Vec<(usize, String)>,
}

impl Reconciliation {
    pub fn refuse(&mut self, line: usize, reason: &str) {
        self.refused.push((line, reason.to_owned()));
    }
}

/// Applies `report` to the matter's obligations at `now`, adding to `done`.
pub fn reconcile(
    conn: &mut DbConnection,
    (matter_id, report): (Uuid, Vec<ReportLine>),
    actor: &Actor,
    books: &Books<'_>,
    (now, done): (DateTime<Utc>, &mut Reconciliation),
) -> Result<(), UseCaseError> {
    let matter = matters::find(conn, matter_id)?;
    for line in report {
        let Some(current) = payouts::in_matter(conn, matter.id, line.obligation_id)? else {
            done.refuse(line.line, "unknown_obligation");
            continue;
        };
        match payout::reconcile(&current, line.amount_poisha, &line.result) {
            Reconciled::Unchanged => done.unchanged += 1,
            Reconciled::Paid => {
                apply(conn, &current, &line.result, actor, books, now)?;
                done.paid += 1;
            }
            Reconciled::Failed => {
                apply(conn, &current, &line.result, actor, books, now)?;
                done.failed += 1;
            }
            refused @ (Reconciled::AmountMismatch | Reconciled::AlreadySettled) => {
                done.refuse(line.line, refused.into());
            }
        }
    }
    let detail = json!({ "paid": done.paid, "failed": done.failed, "unchanged": done.unchanged,
        "refused": done.refused.len() });
    matters::record(
        conn,
        matter.id,
        (now, &actor.id),
        "payouts_reconciled",
        detail.clone(),
    )?;
    let mut entry = actor.entry(now, "matter.reconcile", "matter", matter.id);
    entry.detail = detail;
    ccms_persistence::audit::record(conn, entry)?;
    Ok(())
}

/// Writes one paid or failed payout on its obligation, with the case's timeline, outbox and
/// audit entries.
fn apply(
    conn: &mut DbConnection,
    current: &Obligation,
    result: &PayoutResult,
    actor: &Actor,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let (after, note) = match result {
        PayoutResult::Paid { transaction } => (
            Obligation {
                status: ObligationStatus::Paid,
                reference: Some(transaction.clone()),
                paid_at: Some(now),
                payout_failure: None,
                ..current.clone()
            },
            format!("Paid out through the payment gateway: {transaction}."),
        ),
        PayoutResult::Failed { reason } => (
            Obligation {
                payout_failure: Some(reason.clone()),
                ..current.clone()
            },
            format!("The payout failed: {reason}."),
        ),
    };
    obligations::record_step(conn, current, &after)?;
    let case = stored::find(conn, current.complaint_id)?;
    let policy = books.policies.of_case(conn, case.routing.policy_version)?;
    let holidays = books.calendars.current(conn)?;
    let by = Mover {
        actor,
        now,
        timing: Timing::new(&holidays, &policy).of_category(case.filing.category),
    };
    let mut journal = Journal::default();
    let stepped = Happening::of_obligation(&after, None, Some(note));
    journal
        .events
        .push(timeline::entry(&case, actor, now, &stepped));
    let detail = stepped.detail();
    journal
        .outbox
        .push(announce::message(&case, "obligation.updated", now, detail));
    let mut audit = actor.entry(now, "obligation.payout", "complaint", case.id);
    // Whether it failed, not the gateway's words (they may name the wallet).
    audit.detail = json!({ "obligation_id": after.id, "status": after.status,
        "payout_failed": after.payout_failure.is_some() });
    journal.audit.push(audit);
    redress::follow_ledger(conn, &case, &by, &mut journal)?;
    journal.write(conn)?;
    Ok(())
}
