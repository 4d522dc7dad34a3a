//! The deadline worker: applies what the legal clocks say is due. A missed business deadline
//! escalates the case to DNCRP, consumer silence (or a delivered remedy's period) closes it, a
//! missed hearing notice is flagged for coordinators, a window expires, and a deadline a day
//! away sends its reminder. Each is an ordinary move with its timeline, audit and outbox
//! entries, written with the batch in one transaction. Runs inside `ccms serve` and alone as
//! `ccms worker`; on PostgreSQL several may run at once (`lock_due` skips locked cases).

use std::sync::Arc;
use std::time::Duration;

use ccms_domain::calendar::Calendar;
use ccms_domain::complaint::clocks::{Breach, ClockChange, ClockKind, Timing};
use ccms_domain::complaint::{Action, Complaint, Side};
use ccms_persistence::complaints::{self as stored, CaseChange, CaseMove};
use ccms_persistence::journal::Journal;
use ccms_persistence::{DbConnection, Store};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::complaints::apply::{MoveDetails, Mover, apply, code};
use crate::complaints::clock_events;
use crate::context::Actor;
use crate::policy::PolicyBook;
use crate::problem::ApiError;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub escalated: usize,
    pub closed: usize,
    pub flagged: usize,
    pub expired: usize,
    pub reminded: usize,
    /// Ledger obligations past their due date, now `overdue`.
    pub obligations_overdue: usize,
}

impl SweepReport {
    pub fn total(&self) -> usize {
        self.escalated
            + self.closed
            + self.flagged
            + self.expired
            + self.reminded
            + self.obligations_overdue
    }

    fn add(&mut self, other: SweepReport) {
        self.escalated += other.escalated;
        self.closed += other.closed;
        self.flagged += other.flagged;
        self.expired += other.expired;
        self.reminded += other.reminded;
        self.obligations_overdue += other.obligations_overdue;
    }
}

/// Cases per transaction: large enough that the journal's multi-row inserts pay off, small
/// enough that locks are held briefly.
const BATCH: i64 = 1000;
/// A case owes at most a few things at once (a breach, then a reminder of another clock).
const MAX_PASSES: usize = 4;

pub struct DeadlineWorker {
    store: Store,
    calendar: Arc<Calendar>,
    policies: PolicyBook,
}

fn system() -> Actor {
    Actor {
        id: "system".into(),
        role: "system".into(),
        request_id: None,
    }
}

impl DeadlineWorker {
    pub fn new(store: Store, calendar: Arc<Calendar>) -> DeadlineWorker {
        DeadlineWorker {
            store,
            calendar,
            policies: PolicyBook::default(),
        }
    }

    /// Applies everything due by `now`, batch by batch, until nothing is due. Blocking.
    pub fn sweep(&self, now: DateTime<Utc>) -> Result<SweepReport, ApiError> {
        let mut report = SweepReport {
            obligations_overdue: self
                .store
                .transaction(|conn| overdue_obligations(conn, now))?,
            ..SweepReport::default()
        };
        loop {
            let (woken, batch) = self.store.transaction(|conn| {
                let due = stored::lock_due(conn, now, BATCH)?;
                let (mut journal, mut batch) = (Journal::default(), SweepReport::default());
                for case in &due {
                    self.wake(conn, case, now, &mut journal, &mut batch)?;
                }
                journal.write(conn)?;
                Ok::<_, ApiError>((due.len(), batch))
            })?;
            report.add(batch);
            if woken < usize::try_from(BATCH).unwrap_or(usize::MAX) {
                return Ok(report);
            }
        }
    }

    /// Settles what one case owes at `now`: breaches first (earliest deadline first), then
    /// reminders.
    fn wake(
        &self,
        conn: &mut DbConnection,
        case: &Complaint,
        now: DateTime<Utc>,
        journal: &mut Journal,
        report: &mut SweepReport,
    ) -> Result<(), ApiError> {
        // A case this process cannot read the policy of is left (and logged), not allowed to
        // hold up every other due case.
        let policy = match self.policies.of_case(conn, case.routing.policy_version) {
            Ok(policy) => policy,
            Err(error) => {
                log::error!("deadline worker: case {} skipped: {error}", case.id);
                return Ok(());
            }
        };
        let actor = system();
        let by = Mover {
            actor: &actor,
            now,
            timing: Timing {
                calendar: &self.calendar,
                policy: &policy,
            },
        };
        let mut case = case.clone();
        for _ in 0..MAX_PASSES {
            case = if let Some((kind, breach)) = case.clocks.due(now) {
                breach_of(&case, (kind, breach), &by, journal, report)?
            } else if !case.clocks.approaching(now).is_empty() {
                remind(&case, &by, journal, report)?
            } else {
                break;
            };
        }
        Ok(())
    }
}

/// Unpaid obligations past their due date turn `overdue`, each with its timeline, audit and
/// outbox entries.
fn overdue_obligations(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let overdue = ccms_persistence::authority::obligations::mark_overdue(conn, now)?;
    let (actor, mut journal) = (system(), Journal::default());
    for obligation in &overdue {
        let case = stored::find(conn, obligation.complaint_id)?;
        let detail = json!({ "obligation_id": obligation.id, "kind": obligation.kind, "status": obligation.status, "amount_poisha": obligation.amount_poisha, "due_at": obligation.due_at });
        journal.events.push(crate::authority::entry(
            &case,
            &actor,
            now,
            "ledger",
            detail.clone(),
        ));
        journal.outbox.push(crate::complaints::announce::message(
            &case,
            "obligation.overdue",
            now,
            detail,
        ));
        let mut audit = actor.entry(now, "obligation.overdue", "complaint", case.id);
        audit.detail = json!({ "obligation_id": obligation.id });
        journal.audit.push(audit);
    }
    journal.write(conn)?;
    Ok(overdue.len())
}

/// A clock ran out: the breach goes on the timeline first, with the deadline it missed, then
/// its consequence.
fn breach_of(
    case: &Complaint,
    (kind, breach): (ClockKind, Breach),
    by: &Mover<'_>,
    journal: &mut Journal,
    report: &mut SweepReport,
) -> Result<Complaint, ApiError> {
    clock_events::record(
        journal,
        case,
        &[(kind, ClockChange::Breached)],
        by.now,
        &by.timing,
    );
    let action = match breach {
        Breach::Escalate => Some(Action::Escalate),
        Breach::Close => Some(Action::Close),
        Breach::Flag | Breach::Expire => None,
    };
    if let Some(action) = action {
        let details = MoveDetails {
            note: Some(format!("{} ran out", code(&kind).unwrap_or_default())),
            ..MoveDetails::default()
        };
        match apply(case, (action, Side::System), &details, by, journal) {
            Ok(after) => {
                match action {
                    Action::Escalate => report.escalated += 1,
                    _ => report.closed += 1,
                }
                return Ok(after);
            }
            // The lifecycle refuses (the case moved on): the clock is simply dropped below.
            Err(ApiError::MoveNotAllowed { .. }) => {}
            Err(other) => return Err(other),
        }
    }
    match breach {
        Breach::Expire => report.expired += 1,
        _ => report.flagged += 1,
    }
    let change = CaseChange {
        clocks: case.clocks.without(kind),
        ..CaseChange::keeping(case)
    };
    let detail = json!({ "clock": kind, "change": ClockChange::Breached });
    moved(journal, case, change, by, detail)
}

/// Deadlines are near: one reminder per clock, on the timeline and in the outbox.
fn remind(
    case: &Complaint,
    by: &Mover<'_>,
    journal: &mut Journal,
    report: &mut SweepReport,
) -> Result<Complaint, ApiError> {
    let kinds: Vec<ClockKind> = case
        .clocks
        .approaching(by.now)
        .iter()
        .map(|c| c.kind)
        .collect();
    let changes: Vec<(ClockKind, ClockChange)> = kinds
        .iter()
        .map(|kind| (*kind, ClockChange::Approaching))
        .collect();
    clock_events::record(journal, case, &changes, by.now, &by.timing);
    report.reminded += kinds.len();
    let change = CaseChange {
        clocks: case.clocks.reminded(&kinds),
        ..CaseChange::keeping(case)
    };
    moved(
        journal,
        case,
        change,
        by,
        json!({ "clocks": kinds, "change": ClockChange::Approaching }),
    )
}

/// Notes a change the lifecycle does not see (a clock's bookkeeping) with its audit entry, and
/// returns the case after it.
fn moved(
    journal: &mut Journal,
    case: &Complaint,
    change: CaseChange,
    by: &Mover<'_>,
    detail: serde_json::Value,
) -> Result<Complaint, ApiError> {
    let after = change.applied_to(case, by.now);
    journal.move_case(CaseMove {
        id: case.id,
        version: case.version,
        new_version: after.version,
        change,
        at: by.now,
    })?;
    let mut audit = by
        .actor
        .entry(by.now, "complaint.clock", "complaint", case.id);
    audit.detail = detail;
    journal.audit.push(audit);
    Ok(after)
}

/// Sweeps every `interval` on the server's runtime until the server stops.
pub fn spawn(worker: DeadlineWorker, clock: Arc<dyn crate::clock::Clock>, interval: Duration) {
    let worker = Arc::new(worker);
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(interval);
        loop {
            ticks.tick().await;
            let (worker, now) = (worker.clone(), clock.now());
            match actix_web::web::block(move || worker.sweep(now)).await {
                Ok(Ok(report)) if report.total() > 0 => log::info!("deadline worker: {report:?}"),
                Ok(Ok(_)) => {}
                Ok(Err(error)) => log::error!("deadline worker: {error}"),
                Err(error) => log::error!("deadline worker: {error}"),
            }
        }
    });
}
