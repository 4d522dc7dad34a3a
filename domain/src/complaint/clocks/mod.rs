//! The legal clocks of a case: which start when a case enters a state, how long they run (the
//! policy version the case was routed under says), what stops them, and when they remind. A
//! request for information pauses every running clock; the answer resumes them with the time
//! they had left.

mod rules;
mod timing;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

pub use rules::{CLOCK_RULES, ClockRule, ON_THE_LEDGER, rule};
pub use timing::Timing;

use super::{Action, State, WaitingChange};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::VariantArray, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum ClockKind {
    /// The business must act (acknowledge or answer); 72 hours by default.
    BusinessAction,
    /// The business must resolve; 10 working days by default.
    BusinessResolution,
    /// The consumer accepts or rejects a resolution; 7 days by default.
    ConsumerDecision,
    /// DNCRP schedules a hearing after escalation; 7 working days by default.
    HearingNotice,
    /// The agreed remedy is delivered; then the case closes and the reopen window opens.
    RefundPayment,
    /// A consumer whose agreed remedy never came may reopen; 30 days by default.
    ReopenWindow,
    /// A party may appeal a decision to the Sessions Judge; 60 days by default.
    AppealWindow,
    /// The complainant of an operator's filing confirms it with the code sent to their phone;
    /// 7 days by default, then the case closes `unverified`.
    IntakeConfirmation,
}

impl ClockKind {
    /// Every clock (derived: a new variant is listed by itself).
    pub const ALL: &'static [ClockKind] = <ClockKind as strum::VariantArray>::VARIANTS;

    /// The code the policy document and the API use, as serde writes it too.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// What happens when a clock runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// The case goes to the escalation agency (DNCRP).
    Escalate,
    /// The case closes.
    Close,
    /// Nothing moves; the breach is recorded for coordinators to act on.
    Flag,
    /// A window closes: nothing moves, and what it allowed is no longer allowed.
    Expire,
}

impl Breach {
    /// The move a breach makes, by the system, if any. When the lifecycle refuses it (the
    /// case moved on meanwhile) the clock is only dropped.
    pub fn consequence(self) -> Option<Action> {
        match self {
            Breach::Escalate => Some(Action::Escalate),
            Breach::Close => Some(Action::Close),
            Breach::Flag | Breach::Expire => None,
        }
    }
}

/// A clock that is running (or paused) on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningClock {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    /// When it runs out; `None` while paused.
    pub deadline: Option<DateTime<Utc>>,
    /// While paused: the time it had left, in seconds (working time for working-day clocks).
    pub remaining_secs: Option<i64>,
    /// When the reminder fires; `None` once sent, while paused, or when too close to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remind_at: Option<DateTime<Utc>>,
}

/// What happened to a clock in a move, for the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockChange {
    Started,
    Paused,
    Resumed,
    Stopped,
    /// Its deadline is near: the reminder.
    Approaching,
    /// Ran out; its consequence follows.
    Breached,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Clocks(pub Vec<RunningClock>);

impl Clocks {
    /// The clocks after a move from `from` to `to` by `action`, and what changed.
    pub fn after_move(
        &self,
        (from, to, action): (State, State, Action),
        waiting: WaitingChange,
        now: DateTime<Utc>,
        timing: &Timing<'_>,
    ) -> (Clocks, Vec<(ClockKind, ClockChange)>) {
        let mut changes = Vec::new();
        let mut kept: Vec<RunningClock> = Vec::new();
        for clock in &self.0 {
            let stops = rule(clock.kind).is_none_or(|r| {
                !r.runs_in.contains(&to)
                    || r.stops_on.contains(&action)
                    || r.restarts_on.contains(&action)
            });
            if stops {
                changes.push((clock.kind, ClockChange::Stopped));
            } else {
                kept.push(*clock);
            }
        }
        {
            let starting: Vec<&ClockRule> = CLOCK_RULES
                .iter()
                .filter(|r| r.starts_in == to && (from != to || r.restarts_on.contains(&action)))
                .filter(|r| !kept.iter().any(|c| c.kind == r.kind))
                .collect();
            for rule in starting {
                let deadline = timing.deadline(rule.kind, now);
                kept.push(RunningClock {
                    kind: rule.kind,
                    started_at: now,
                    deadline: Some(deadline),
                    remaining_secs: None,
                    remind_at: timing.reminder(deadline, now),
                });
                changes.push((rule.kind, ClockChange::Started));
            }
        }
        for clock in &mut kept {
            match (waiting, clock.deadline, clock.remaining_secs) {
                (WaitingChange::Start, Some(deadline), _) => {
                    let left = timing.remaining(clock.kind, now, deadline);
                    clock.remaining_secs = Some(left.num_seconds());
                    clock.deadline = None;
                    clock.remind_at = None;
                    changes.push((clock.kind, ClockChange::Paused));
                }
                (WaitingChange::Stop, None, Some(left)) => {
                    let deadline = timing.resumed(clock.kind, now, Duration::seconds(left));
                    clock.deadline = Some(deadline);
                    clock.remaining_secs = None;
                    clock.remind_at = timing.reminder(deadline, now);
                    changes.push((clock.kind, ClockChange::Resumed));
                }
                _ => {}
            }
        }
        (Clocks(kept), changes)
    }

    /// A held case's clocks: only `kind`, started at `now` (a case filed for a caller waits
    /// in `submitted` for its confirmation, which no move enters).
    pub fn started(
        kind: ClockKind,
        now: DateTime<Utc>,
        timing: &Timing<'_>,
    ) -> (Clocks, Vec<(ClockKind, ClockChange)>) {
        let deadline = timing.deadline(kind, now);
        let clock = RunningClock {
            kind,
            started_at: now,
            deadline: Some(deadline),
            remaining_secs: None,
            remind_at: timing.reminder(deadline, now),
        };
        (Clocks(vec![clock]), vec![(kind, ClockChange::Started)])
    }

    /// The earliest deadline of a running clock: what the case is due next.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.0.iter().filter_map(|c| c.deadline).min()
    }

    /// When the deadline worker must next look at the case: a deadline or a reminder.
    pub fn next_wake(&self) -> Option<DateTime<Utc>> {
        self.0
            .iter()
            .flat_map(|c| [c.deadline, c.remind_at])
            .flatten()
            .min()
    }

    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.next_due().is_some_and(|due| due <= now)
    }

    /// The first clock run out by `now`, and what its breach does.
    pub fn due(&self, now: DateTime<Utc>) -> Option<(ClockKind, Breach)> {
        self.0
            .iter()
            .filter(|c| c.deadline.is_some_and(|d| d <= now))
            .min_by_key(|c| c.deadline)
            .and_then(|c| rule(c.kind).map(|r| (c.kind, r.on_breach)))
    }

    /// The running clocks whose reminder is due by `now`.
    pub fn approaching(&self, now: DateTime<Utc>) -> Vec<RunningClock> {
        self.0
            .iter()
            .filter(|c| c.remind_at.is_some_and(|at| at <= now))
            .copied()
            .collect()
    }

    /// The clocks with the reminders of `kinds` marked sent.
    pub fn reminded(&self, kinds: &[ClockKind]) -> Clocks {
        let mut clocks = self.clone();
        for clock in &mut clocks.0 {
            if kinds.contains(&clock.kind) {
                clock.remind_at = None;
            }
        }
        clocks
    }

    /// The clocks without `kind`: a flagged breach stops its clock so it is recorded once.
    pub fn without(&self, kind: ClockKind) -> Clocks {
        Clocks(self.0.iter().filter(|c| c.kind != kind).copied().collect())
    }

    pub fn deadline_of(&self, kind: ClockKind) -> Option<DateTime<Utc>> {
        self.0
            .iter()
            .find(|c| c.kind == kind)
            .and_then(|c| c.deadline)
    }
}

#[cfg(test)]
mod tests;
