//! The legal clocks of a case: which start when a case enters a state, how long they run, what
//! stops them, and the law they come from. A request for information pauses every running
//! clock; the answer resumes them with the time they had left.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{Action, State, WaitingChange};
use crate::calendar::{Calendar, Length};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// The business must act (acknowledge or answer) within 72 hours.
    BusinessAction,
    /// The business must resolve within 10 working days.
    BusinessResolution,
    /// The consumer has 7 days to accept or reject a resolution.
    ConsumerDecision,
    /// DNCRP schedules a hearing within 7 working days of escalation.
    HearingNotice,
}

/// What happens when a clock runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// The case goes to the escalation agency (DNCRP).
    Escalate,
    /// The case closes: the consumer did not answer.
    Close,
    /// Nothing moves; the breach is recorded for coordinators to act on.
    Flag,
}

pub struct ClockRule {
    pub kind: ClockKind,
    pub on_breach: Breach,
    pub length: Length,
    /// Starts when a case enters this state.
    pub starts_in: State,
    /// Runs while the case is in one of these states.
    pub runs_in: &'static [State],
    /// Also stops on these actions.
    pub stops_on: &'static [Action],
    pub source: &'static str,
}

/// The default clocks of DOMAIN.md; their lengths become policy in the next issue.
pub const CLOCK_RULES: &[ClockRule] = &[
    ClockRule {
        kind: ClockKind::BusinessAction,
        on_breach: Breach::Escalate,
        length: Length::Hours(72),
        starts_in: State::WithBusiness,
        runs_in: &[State::WithBusiness],
        stops_on: &[Action::Acknowledge, Action::ProposeResolution],
        source: "Digital Commerce Operation Guidelines 2021: act on a complaint within 72 hours",
    },
    ClockRule {
        kind: ClockKind::BusinessResolution,
        on_breach: Breach::Escalate,
        length: Length::WorkingDays(10),
        starts_in: State::WithBusiness,
        runs_in: &[State::WithBusiness],
        stops_on: &[],
        source: "CCMS policy: the business resolves within 10 working days",
    },
    ClockRule {
        kind: ClockKind::ConsumerDecision,
        on_breach: Breach::Close,
        length: Length::Hours(7 * 24),
        starts_in: State::AwaitingConsumer,
        runs_in: &[State::AwaitingConsumer],
        stops_on: &[],
        source: "CCMS policy: the consumer answers a resolution within 7 days",
    },
    ClockRule {
        kind: ClockKind::HearingNotice,
        on_breach: Breach::Flag,
        length: Length::WorkingDays(7),
        starts_in: State::Escalated,
        runs_in: &[State::Escalated, State::UnderInvestigation],
        stops_on: &[Action::ScheduleHearing],
        source: "CCMS policy: DNCRP schedules a hearing within 7 working days of escalation",
    },
];

fn rule(kind: ClockKind) -> Option<&'static ClockRule> {
    CLOCK_RULES.iter().find(|r| r.kind == kind)
}

/// A clock that is running (or paused) on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningClock {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    /// When it runs out; `None` while paused.
    pub deadline: Option<DateTime<Utc>>,
    /// While paused: the seconds it had left.
    pub remaining_secs: Option<i64>,
}

/// What happened to a clock in a move, for the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockChange {
    Started,
    Paused,
    Resumed,
    Stopped,
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
        from: State,
        to: State,
        action: Action,
        waiting: WaitingChange,
        now: DateTime<Utc>,
        calendar: &Calendar,
    ) -> (Clocks, Vec<(ClockKind, ClockChange)>) {
        let mut changes = Vec::new();
        let mut kept: Vec<RunningClock> = Vec::new();
        for clock in &self.0 {
            let stops = rule(clock.kind)
                .is_none_or(|r| !r.runs_in.contains(&to) || r.stops_on.contains(&action));
            if stops {
                changes.push((clock.kind, ClockChange::Stopped));
            } else {
                kept.push(*clock);
            }
        }
        if from != to {
            let starting: Vec<&ClockRule> = CLOCK_RULES
                .iter()
                .filter(|r| r.starts_in == to && !kept.iter().any(|c| c.kind == r.kind))
                .collect();
            for rule in starting {
                kept.push(RunningClock {
                    kind: rule.kind,
                    started_at: now,
                    deadline: Some(calendar.deadline(now, rule.length)),
                    remaining_secs: None,
                });
                changes.push((rule.kind, ClockChange::Started));
            }
        }
        for clock in &mut kept {
            match (waiting, clock.deadline, clock.remaining_secs) {
                (WaitingChange::Start, Some(deadline), _) => {
                    clock.remaining_secs = Some((deadline - now).num_seconds().max(0));
                    clock.deadline = None;
                    changes.push((clock.kind, ClockChange::Paused));
                }
                (WaitingChange::Stop, None, Some(left)) => {
                    clock.deadline = Some(now + Duration::seconds(left));
                    clock.remaining_secs = None;
                    changes.push((clock.kind, ClockChange::Resumed));
                }
                _ => {}
            }
        }
        (Clocks(kept), changes)
    }

    /// The earliest deadline of a running clock: what the case is due next.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.0.iter().filter_map(|c| c.deadline).min()
    }

    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.next_due().is_some_and(|due| due <= now)
    }

    /// What is due on the case at `now`: the move the first run-out clock calls for
    /// (`Forward`-free: escalate or close), or a flag. `None` when nothing has run out.
    pub fn due(&self, now: DateTime<Utc>) -> Option<(ClockKind, Breach)> {
        self.0
            .iter()
            .filter(|c| c.deadline.is_some_and(|d| d <= now))
            .min_by_key(|c| c.deadline)
            .and_then(|c| rule(c.kind).map(|r| (c.kind, r.on_breach)))
    }

    /// The clocks without `kind`: a flagged breach stops its clock so it is recorded once.
    pub fn without(&self, kind: ClockKind) -> Clocks {
        Clocks(self.0.iter().filter(|c| c.kind != kind).copied().collect())
    }

    pub fn source(kind: ClockKind) -> &'static str {
        rule(kind).map_or("", |r| r.source)
    }
}

#[cfg(test)]
#[path = "clocks_tests.rs"]
mod tests;
