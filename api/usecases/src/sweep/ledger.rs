//! The ledger's deadlines: unpaid obligations turn overdue (and fail the consumer, who may then
//! reopen), and a payment the consumer stays silent on is taken as received.

use ccms_domain::authority::ledger::{self, Obligation, ObligationStatus};
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::DbConnection;
use ccms_persistence::authority::obligations;
use ccms_persistence::complaints::{self as stored};
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::books::Books;
use crate::moves::{Mover, announce, timeline};
use crate::redress;
use crate::{Actor, UseCaseError};

/// Unpaid obligations past their due date turn `overdue`, each with its timeline, audit and
/// outbox entries.
pub(super) fn overdue_obligations(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    let overdue = ccms_persistence::authority::obligations::mark_overdue(conn, now)?;
    let (actor, mut journal) = (Actor::system(), Journal::default());
    for obligation in &overdue {
        let case = stored::find(conn, obligation.complaint_id)?;
        let (case, _) = redress::keep_failing_flag(conn, &case)?;
        let happening = Happening::of_obligation(obligation, Some(obligation.due_at), None);
        journal
            .events
            .push(timeline::entry(&case, &actor, now, &happening));
        let detail = happening.detail();
        journal
            .outbox
            .push(announce::message(&case, "obligation.overdue", now, detail));
        let mut audit = actor.entry(now, "obligation.overdue", "complaint", case.id);
        audit.detail = json!({ "obligation_id": obligation.id });
        journal.audit.push(audit);
    }
    journal.write(conn)?;
    Ok(overdue.len())
}

/// How many paid obligations one sweep looks at for the consumer's silence.
const SILENCE_BATCH: i64 = 1000;

/// Obligations marked paid that the consumer stayed silent on past their policy's confirmation
/// window are taken as received: confirmed by the system, and a resolved case whose remedy is
/// then delivered closes. Each obligation is written on its own, with its case as it then is.
pub(super) fn confirmed_by_silence(
    conn: &mut DbConnection,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    let shortest = Duration::days(1);
    let actor = Actor::system();
    let mut confirmed = 0;
    for paid in obligations::paid_by(conn, now - shortest, SILENCE_BATCH)? {
        let case = stored::find(conn, paid.complaint_id)?;
        let policy = books.policies.of_case(conn, case.routing.policy_version)?;
        if !ledger::confirmed_by_silence(&paid, &policy.confirmation_window, now) {
            continue;
        }
        let after = Obligation {
            status: ObligationStatus::Confirmed,
            confirmed_at: Some(now),
            ..paid.clone()
        };
        obligations::record_step(conn, &paid, &after)?;
        let mut journal = Journal::default();
        let source = Some(policy.confirmation_window.source.clone());
        let happening = Happening::of_obligation(&after, None, source);
        journal
            .events
            .push(timeline::entry(&case, &actor, now, &happening));
        let detail = happening.detail();
        journal
            .outbox
            .push(announce::message(&case, "obligation.updated", now, detail));
        let mut audit = actor.entry(now, "obligation.confirmed_by_silence", "complaint", case.id);
        audit.detail = json!({ "obligation_id": after.id });
        journal.audit.push(audit);
        let holidays = books.calendars.current(conn)?;
        let timing = Timing::new(&holidays, &policy).of_category(case.filing.category);
        let by = Mover {
            actor: &actor,
            now,
            timing,
        };
        redress::follow_ledger(conn, &case, &by, &mut journal)?;
        journal.write(conn)?;
        confirmed += 1;
    }
    Ok(confirmed)
}

/// Unpaid obligations falling due within the policy's reminder lead: one reminder each, to the
/// business (webhook or e-mail) and to the consumer (`obligation.due_soon`).
pub(super) fn due_soon(
    conn: &mut DbConnection,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    let lead = Duration::hours(i64::from(books.policies.current(conn)?.reminder_lead_hours));
    let soon = obligations::mark_reminded(conn, now + lead, now)?;
    let mut journal = Journal::default();
    for obligation in &soon {
        let case = stored::find(conn, obligation.complaint_id)?;
        let detail = json!({ "obligation_id": obligation.id, "kind": obligation.kind,
            "status": obligation.status, "amount_poisha": obligation.amount_poisha,
            "due_at": obligation.due_at });
        journal
            .outbox
            .push(announce::message(&case, "obligation.due_soon", now, detail));
    }
    journal.write(conn)?;
    Ok(soon.len())
}
