//! The deadline worker: applies what the legal clocks say is due. A missed business deadline
//! escalates the case to DNCRP, consumer silence (or a delivered remedy's period) closes it, a
//! missed hearing notice is flagged for coordinators, a window expires, and a deadline a day
//! away sends its reminder. Each is an ordinary move with its timeline, audit and outbox
//! entries, written with the batch in one transaction. Runs inside `ccms serve` and alone as
//! `ccms worker`; on PostgreSQL several may run at once (`lock_due` skips locked cases).

use std::sync::Arc;

use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::{Action, Complaint};
use ccms_persistence::audit::{self, Linking};
use ccms_persistence::complaints::{self as stored};
use ccms_persistence::journal::Journal;
use ccms_persistence::tallies::{self, names};
use ccms_persistence::{DbConnection, Store};
use chrono::{DateTime, Utc};

use crate::books::{Books, CalendarBook, PolicyBook};
use crate::collective::surging;
use crate::moves::{MoveDetails, Mover};
use crate::redress;
use crate::{Actor, UseCaseError};

mod consequences;
mod ledger;
mod reviews;

use consequences::{breach_of, remind};
use ledger::{confirmed_by_silence, due_soon, overdue_obligations};
use reviews::overdue_reviews;

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
    /// Payments the consumer stayed silent on past the confirmation window, now `confirmed`.
    pub confirmed_by_silence: usize,
    /// Unpaid obligations falling due soon, reminded of.
    pub obligations_reminded: usize,
    /// Reviews past their due time, undecided, their agency told.
    pub reviews_overdue: usize,
    /// Businesses that began or stopped drawing complaints at the policy's surge rate.
    pub surges_started: usize,
    pub surges_ended: usize,
}

impl SweepReport {
    pub fn total(&self) -> usize {
        self.escalated
            + self.closed
            + self.flagged
            + self.expired
            + self.reminded
            + self.obligations_overdue
            + self.confirmed_by_silence
            + self.obligations_reminded
            + self.reviews_overdue
            + self.surges_started
            + self.surges_ended
    }

    fn add(&mut self, other: SweepReport) {
        self.escalated += other.escalated;
        self.closed += other.closed;
        self.flagged += other.flagged;
        self.expired += other.expired;
        self.reminded += other.reminded;
        self.obligations_overdue += other.obligations_overdue;
        self.confirmed_by_silence += other.confirmed_by_silence;
        self.obligations_reminded += other.obligations_reminded;
        self.reviews_overdue += other.reviews_overdue;
        self.surges_started += other.surges_started;
        self.surges_ended += other.surges_ended;
    }
}

/// Cases per transaction: large enough that the journal's multi-row inserts pay off, small
/// enough that locks are held briefly.
const BATCH: i64 = 1000;
/// A case owes at most a few things at once (a breach, then a reminder of another clock).
const MAX_PASSES: usize = 4;

pub struct DeadlineWorker {
    store: Store,
    calendar: Arc<CalendarBook>,
    policies: PolicyBook,
}

impl DeadlineWorker {
    pub fn new(store: Store, calendar: Arc<CalendarBook>) -> DeadlineWorker {
        DeadlineWorker {
            store,
            calendar,
            policies: PolicyBook::default(),
        }
    }

    /// The database it sweeps.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Applies everything due by `now`, batch by batch, until nothing is due. Blocking.
    pub fn sweep(&self, now: DateTime<Utc>) -> Result<SweepReport, UseCaseError> {
        let mut report = SweepReport {
            obligations_overdue: self
                .store
                .transaction(|conn| overdue_obligations(conn, now))?,
            confirmed_by_silence: self.store.transaction(|conn| {
                let books = Books {
                    policies: &self.policies,
                    calendars: &self.calendar,
                };
                confirmed_by_silence(conn, &books, now)
            })?,
            obligations_reminded: self.store.transaction(|conn| {
                let books = Books {
                    policies: &self.policies,
                    calendars: &self.calendar,
                };
                due_soon(conn, &books, now)
            })?,
            reviews_overdue: self.store.transaction(|conn| overdue_reviews(conn, now))?,
            ..SweepReport::default()
        };
        // A failed watch is logged and tried again next sweep; the deadlines below still run.
        let surges = self.store.transaction(|conn| {
            let policy = self.policies.current(conn)?;
            surging::watch(conn, &policy, now)
        });
        match surges {
            Ok(surges) => {
                (report.surges_started, report.surges_ended) = (surges.started, surges.ended)
            }
            Err(error) => log::warn!("surge watch: {}", crate::cause_chain(&error)),
        }
        loop {
            let (woken, batch) = self.store.transaction(|conn| {
                let due = stored::lock_due(conn, now, BATCH)?;
                let (mut journal, mut batch) = (Journal::default(), SweepReport::default());
                for case in &due {
                    self.wake(conn, case, now, &mut journal, &mut batch)?;
                }
                journal.write(conn)?;
                Ok::<_, UseCaseError>((due.len(), batch))
            })?;
            report.add(batch);
            if woken < usize::try_from(BATCH).unwrap_or(usize::MAX) {
                // The sweep's audit entries into the chain (a `ccms worker` runs no linker),
                // and the sweep counted for the operator's metrics.
                let moved = i64::try_from(report.total()).unwrap_or(i64::MAX);
                self.store.transaction(|conn| {
                    audit::link_pending(conn, Linking::Wait)?;
                    tallies::add(
                        conn,
                        &[(names::SWEEPS, 1), (names::CASES_MOVED, moved)],
                        now,
                    )
                })?;
                return Ok(report);
            }
        }
    }

    /// Erases the personal data of every closed case past the current policy's retention that
    /// nothing holds; the erased cases, whose evidence bytes the caller removes from the object
    /// store. Blocking.
    pub fn erase_expired(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::privacy::erasing::Erased>, UseCaseError> {
        let policy = self.store.read(|conn| self.policies.current(conn))?;
        crate::privacy::erasing::erase_expired(&self.store, &policy.retention, now)
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
    ) -> Result<(), UseCaseError> {
        // A case this process cannot read the policy of is left (and logged), not allowed to
        // hold up every other due case.
        let policy = match self.policies.of_case(conn, case.routing.policy_version) {
            Ok(policy) => policy,
            Err(error) => {
                let cause = crate::cause_chain(&error);
                log::error!("deadline worker: case {} skipped: {cause}", case.id);
                return Ok(());
            }
        };
        let actor = Actor::system();
        let holidays = self.calendar.current(conn)?;
        let by = Mover {
            actor: &actor,
            now,
            timing: Timing::new(&holidays, &policy).of_category(case.filing.category),
        };
        let mut case = case.clone();
        for _ in 0..MAX_PASSES {
            case = if let Some((kind, breach)) = case.clocks.due(now) {
                let after = breach_of(&case, (kind, breach), &by, journal, report)?;
                // Consumer silence lapses the proposal it left unanswered.
                if after.state != case.state {
                    let lapsed = (Action::Close, &MoveDetails::default());
                    redress::follow_move(conn, (&case, &after), lapsed, &by, journal)?;
                }
                after
            } else if !case.clocks.approaching(now).is_empty() {
                remind(&case, &by, journal, report)?
            } else {
                break;
            };
        }
        Ok(())
    }
}
