//! The shape of each legal clock: the state that starts it, the states it runs in, the actions
//! that stop it early, and what its breach does. How long each runs is policy (see `Timing`).

use super::{Breach, ClockKind};
use crate::complaint::{Action, State};

pub struct ClockRule {
    pub kind: ClockKind,
    pub on_breach: Breach,
    /// Starts when a case enters this state.
    pub starts_in: State,
    /// Runs while the case is in one of these states.
    pub runs_in: &'static [State],
    /// Also stops on these actions.
    pub stops_on: &'static [Action],
    /// Starts afresh on these actions, though the case stays where it is.
    pub restarts_on: &'static [Action],
}

/// The clocks of DOMAIN.md, "Clocks". The refund clock runs on each obligation of the ledger
/// instead (its due time, `Offer::obligation`), not on the case: a case never closes because a
/// refund's time ran out, only when the refund is confirmed.
pub const CLOCK_RULES: &[ClockRule] = &[
    ClockRule {
        kind: ClockKind::BusinessAction,
        on_breach: Breach::Escalate,
        starts_in: State::WithBusiness,
        runs_in: &[State::WithBusiness],
        stops_on: &[Action::Acknowledge, Action::ProposeResolution],
        restarts_on: &[],
    },
    ClockRule {
        kind: ClockKind::BusinessResolution,
        on_breach: Breach::Escalate,
        starts_in: State::WithBusiness,
        runs_in: &[State::WithBusiness],
        stops_on: &[],
        restarts_on: &[],
    },
    ClockRule {
        kind: ClockKind::ConsumerDecision,
        on_breach: Breach::Close,
        starts_in: State::AwaitingConsumer,
        runs_in: &[State::AwaitingConsumer],
        stops_on: &[],
        // A counter-proposal gives the consumer their full time again.
        restarts_on: &[Action::ProposeResolution],
    },
    ClockRule {
        kind: ClockKind::HearingNotice,
        on_breach: Breach::Flag,
        starts_in: State::Escalated,
        runs_in: &[State::Escalated, State::UnderInvestigation],
        stops_on: &[Action::ScheduleHearing],
        restarts_on: &[],
    },
    ClockRule {
        kind: ClockKind::ReopenWindow,
        on_breach: Breach::Expire,
        starts_in: State::Closed,
        runs_in: &[State::Closed],
        stops_on: &[],
        restarts_on: &[],
    },
    ClockRule {
        kind: ClockKind::AppealWindow,
        on_breach: Breach::Expire,
        starts_in: State::Decided,
        runs_in: &[State::Decided, State::Closed],
        stops_on: &[],
        restarts_on: &[],
    },
    // Started by an operator's filing (`Clocks::started`), never by a move: no case enters
    // `submitted`. Confirming makes the routing move, which leaves it.
    ClockRule {
        kind: ClockKind::IntakeConfirmation,
        on_breach: Breach::Close,
        starts_in: State::Submitted,
        runs_in: &[State::Submitted],
        stops_on: &[],
        restarts_on: &[],
    },
];

/// Clocks that run on each obligation of the ledger (as its due time), not on the case.
pub const ON_THE_LEDGER: &[ClockKind] = &[ClockKind::RefundPayment];

pub fn rule(kind: ClockKind) -> Option<&'static ClockRule> {
    CLOCK_RULES.iter().find(|r| r.kind == kind)
}
