//! Redress that is tracked: what a move does to the case's offers and ledger, and what the
//! ledger does to the case. A proposal is kept as an offer (a counter-proposal replaces the
//! earlier one, which stays on the timeline); accepting puts the remedy on the ledger; a
//! resolved case closes once its remedy is delivered; an overdue or disputed remedy lets the
//! consumer reopen. All in the mover's transaction, through its journal.

use ccms_domain::authority::ledger::{self, Obligation};
use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::offer::{Offer, OfferStatus};
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::{Action, Complaint, Side, State};
use ccms_persistence::DbConnection;
use ccms_persistence::authority::obligations;
use ccms_persistence::complaints::redress;
use ccms_persistence::journal::Journal;
use uuid::Uuid;

use crate::UseCaseError;
use crate::moves::{MoveDetails, Mover, apply, timeline};

/// The offer's new status when a move ends the proposal it answers, if it does.
fn answered_by(action: Action, before: State) -> Option<OfferStatus> {
    match (action, before) {
        (Action::Accept, _) => Some(OfferStatus::Accepted),
        (Action::Reject, _) => Some(OfferStatus::Rejected),
        (Action::ProposeResolution, _) => Some(OfferStatus::Replaced),
        (Action::Close | Action::Withdraw, State::AwaitingConsumer) => Some(OfferStatus::Lapsed),
        _ => None,
    }
}

/// What `action` (already applied: `before` → `after`) does to the case's offers and ledger.
pub fn follow_move(
    conn: &mut DbConnection,
    (before, after): (&Complaint, &Complaint),
    (action, details): (Action, &MoveDetails),
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<(), UseCaseError> {
    let now = by.now;
    // Only a move that answers a proposal reads the open offer.
    let answer = answered_by(action, before.state);
    let open = match answer {
        Some(_) => {
            redress::latest_offer(conn, after.id)?.filter(|o| o.status == OfferStatus::Proposed)
        }
        None => None,
    };
    if let (Some(offer), Some(status)) = (open, answer) {
        let answered = Offer { status, ..offer };
        redress::set_offer_status(conn, answered.id, status)?;
        record(journal, after, by, &Happening::Offer(answered.clone()));
        if status == OfferStatus::Accepted {
            let refund_due = by.timing.deadline(ClockKind::RefundPayment, now);
            let owed = answered.obligation(Uuid::now_v7(), refund_due, now);
            obligations::insert(conn, &owed)?;
            record(
                journal,
                after,
                by,
                &Happening::of_obligation(&owed, Some(owed.due_at), None),
            );
        }
    }
    if let (Action::ProposeResolution, Some(remedial)) = (action, &details.offer) {
        let offer = Offer {
            id: Uuid::now_v7(),
            complaint_id: after.id,
            remedy: remedial.remedy,
            amount_poisha: remedial.amount.map(|a| a.value()),
            promised_by: remedial.promised_by,
            note: details.note.clone(),
            status: OfferStatus::Proposed,
            proposed_at: now,
        };
        redress::insert_offer(conn, &offer)?;
        record(journal, after, by, &Happening::Offer(offer));
    }
    Ok(())
}

/// After a step on the ledger: keeps the case's "remedy failing" flag true to its obligations,
/// and closes a resolved case whose remedy is now delivered (as the system). Answers the case
/// as it then stands.
pub fn follow_ledger(
    conn: &mut DbConnection,
    case: &Complaint,
    by: &Mover<'_>,
    journal: &mut Journal,
) -> Result<Complaint, UseCaseError> {
    let (case, owed) = keep_failing_flag(conn, case)?;
    if case.state != State::Resolved || !ledger::redress_delivered(&owed) {
        return Ok(case);
    }
    let details = MoveDetails {
        note: Some("the agreed remedy was delivered".into()),
        ..MoveDetails::default()
    };
    apply(&case, (Action::Close, Side::System), &details, by, journal)
}

/// Sets the case's "remedy failing" flag from its obligations; answers the case with it, and
/// the obligations.
pub fn keep_failing_flag(
    conn: &mut DbConnection,
    case: &Complaint,
) -> Result<(Complaint, Vec<Obligation>), UseCaseError> {
    let owed = obligations::for_complaint(conn, case.id)?;
    let failing = ledger::fails_the_consumer(&owed);
    if failing != case.remedy_failing {
        redress::set_remedy_failing(conn, case.id, failing)?;
    }
    let case = Complaint {
        remedy_failing: failing,
        ..case.clone()
    };
    Ok((case, owed))
}

fn record(journal: &mut Journal, case: &Complaint, by: &Mover<'_>, happening: &Happening) {
    journal
        .events
        .push(timeline::entry(case, by.actor, by.now, happening));
}
