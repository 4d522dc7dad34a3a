//! A review of how a case ended: the consumer asks (having judged it unresolved or rated it 1
//! or 2, within the policy's window), a DNCRP officer other than the one who decided is picked
//! by the assignment rule and has the policy's time; the reviewer's result supersedes the
//! earlier outcome (a varied one may order compensation). Both outcomes stay on the timeline.

use ccms_domain::access::Action as Permission;
use ccms_domain::authority::ledger::{Obligation, ObligationKind};
use ccms_domain::authority::review::{self, NoReview, Review, ReviewResult};
use ccms_domain::complaint::clocks::{ClockKind, Timing};
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::transition::CaseChange;
use ccms_domain::complaint::{Complaint, Outcome, Poisha};
use ccms_persistence::authority::{assignment, decisions, feedback, obligations, reviews};
use ccms_persistence::complaints::CaseMove;
use ccms_persistence::journal::Journal;
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::books::Books;
use crate::moves::{on_first_escalation, timeline};
use crate::stage::{Loaded, OnCase};
use crate::{Actor, Conflict, UseCaseError};

/// Asks for a review of the case with the consumer's `reason`; answers the review.
pub fn ask(
    conn: &mut DbConnection,
    on: OnCase,
    reason: String,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Review, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::AskReview)?;
    let case = &loaded.case;
    let verdict = feedback::find(conn, case.id)?.map(|(rating, _, _, resolved)| (resolved, rating));
    review::may_ask(case, verdict, &loaded.policy.review, now).map_err(|no| {
        UseCaseError::Conflict(match no {
            NoReview::NotReviewable => Conflict::NotReviewable,
            NoReview::NoGround => Conflict::NoGroundForReview,
            NoReview::TooLate => Conflict::WindowClosed,
        })
    })?;
    let decided_by = decisions::find(conn, case.id)?.and_then(|d| d.decided_by.parse().ok());
    let loads = assignment::officer_loads(conn, &case.routing.escalation_agency)?;
    let reviewer = review::reviewer(&loads, decided_by).ok_or(UseCaseError::NoOfficerAvailable)?;
    let days = i64::from(loaded.policy.review.decide_within_days);
    let asked = Review {
        complaint_id: case.id,
        reason,
        requested_at: now,
        due_at: now + Duration::days(days),
        reviewer,
        earlier_outcome: case
            .outcome
            .ok_or(UseCaseError::Conflict(Conflict::NotReviewable))?,
        result: None,
        outcome: None,
        reasons: None,
        decided_at: None,
    };
    reviews::insert(conn, &asked)?;
    // The reviewer's agency sees the case from now on, as any case that reached it.
    let change = CaseChange {
        escalated_at: case.escalated_at.or(Some(now)),
        ..CaseChange::keeping(case)
    };
    let mut journal = Journal::default();
    let after = written(&mut journal, case, change, now)?;
    if case.escalated_at.is_none() {
        on_first_escalation(&mut journal, &after, now);
    }
    record(&mut journal, &after, &on.actor, now, &asked, "review.ask");
    journal.write(conn)?;
    Ok(asked)
}

/// What the reviewer decided.
pub struct ReviewDecision {
    pub result: ReviewResult,
    /// For `varied`: the outcome that replaces the earlier one (one of `VARIED_TO`).
    pub outcome: Option<Outcome>,
    /// For `varied`: compensation the business now owes the consumer.
    pub compensation: Poisha,
    pub reasons: String,
}

/// The reviewer decides; answers the review.
pub fn decide(
    conn: &mut DbConnection,
    on: OnCase,
    decision: ReviewDecision,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Review, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::DecideReview)?;
    let case = &loaded.case;
    let asked = reviews::find(conn, case.id)?.ok_or(UseCaseError::NotFound)?;
    if asked.reviewer.to_string() != on.actor.id {
        return Err(UseCaseError::Forbidden);
    }
    if asked.result.is_some() {
        return Err(UseCaseError::Conflict(Conflict::StepNotAllowed));
    }
    let outcome = match decision.result {
        ReviewResult::Varied => decision
            .outcome
            .filter(|o| review::VARIED_TO.contains(o))
            .ok_or(UseCaseError::Broken(
                "a varied review without its outcome".into(),
            ))?,
        ReviewResult::Upheld | ReviewResult::Dismissed => asked.earlier_outcome,
    };
    let decided = Review {
        result: Some(decision.result),
        outcome: Some(outcome),
        reasons: Some(decision.reasons),
        decided_at: Some(now),
        ..asked
    };
    reviews::decide(conn, &decided)?;
    let mut journal = Journal::default();
    let after = written(
        &mut journal,
        case,
        CaseChange {
            outcome: Some(outcome),
            ..CaseChange::keeping(case)
        },
        now,
    )?;
    if decision.compensation.value() > 0 {
        let holidays = books.calendars.current(conn)?;
        let timing = Timing::new(&holidays, &loaded.policy).of_category(case.filing.category);
        let due = timing.deadline(ClockKind::RefundPayment, now);
        let amount = (ObligationKind::Compensation, decision.compensation.value());
        let owed = Obligation::owed(Uuid::now_v7(), case.id, amount, due, now);
        obligations::insert(conn, &owed).map_err(|e| match e {
            // The case already owes compensation: a review orders it once.
            StoreError::Conflict(_) => UseCaseError::Conflict(Conflict::StepNotAllowed),
            other => other.into(),
        })?;
    }
    record(
        &mut journal,
        &after,
        &on.actor,
        now,
        &decided,
        "review.decide",
    );
    journal.write(conn)?;
    Ok(decided)
}

/// The case row changed as `change` says, one version on.
fn written(
    journal: &mut Journal,
    case: &Complaint,
    change: CaseChange,
    now: DateTime<Utc>,
) -> Result<Complaint, UseCaseError> {
    let after = change.applied_to(case, now);
    journal.move_case(CaseMove {
        id: case.id,
        version: case.version,
        new_version: after.version,
        change,
        at: now,
    })?;
    Ok(after)
}

fn record(
    journal: &mut Journal,
    case: &Complaint,
    actor: &Actor,
    now: DateTime<Utc>,
    review: &Review,
    action: &'static str,
) {
    let happening = Happening::Review(review.clone());
    journal
        .events
        .push(timeline::entry(case, actor, now, &happening));
    journal
        .audit
        .push(actor.entry(now, action, "complaint", case.id));
}
