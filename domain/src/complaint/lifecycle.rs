//! The lifecycle as a table: from which state, which action, by which side of the case,
//! under which condition, to which state. Nothing else moves a case.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Outcome, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::VariantArray, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Forward,
    Acknowledge,
    RequestInfo,
    ProvideInfo,
    ProposeResolution,
    Accept,
    Reject,
    Withdraw,
    Escalate,
    Assign,
    ScheduleHearing,
    /// A cancelled hearing puts the case back under investigation, for a new one or a decision.
    CancelHearing,
    Decide,
    Close,
    Reopen,
    /// A coordinator merges a re-filed case into the original: it closes as `duplicate`.
    Merge,
}

impl Action {
    /// Every move (derived: a new variant is listed by itself).
    pub const ALL: &'static [Action] = <Action as strum::VariantArray>::VARIANTS;

    /// The code the API and the timeline use, as serde writes it too.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

/// Which side of a case the actor is on; derived from role and relationship by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The complainant.
    Consumer,
    /// The respondent business (its agents, or the partner acting for it).
    Business,
    /// An officer of the agency the case is escalated to.
    Authority,
    /// The Ministry's digital commerce cell.
    Coordinator,
    /// Automatic moves: routing at intake, deadlines.
    System,
}

impl Side {
    pub const ALL: [Side; 5] = [
        Side::Consumer,
        Side::Business,
        Side::Authority,
        Side::Coordinator,
        Side::System,
    ];
}

/// A case as far as the lifecycle needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub state: State,
    /// Someone asked the consumer for information and is waiting (clocks pause).
    pub waiting_on_consumer: bool,
    pub outcome: Option<Outcome>,
    /// Until when the reopen window of a closed case runs (its clock's deadline).
    pub reopen_until: Option<DateTime<Utc>>,
    /// How many more times the business may ask the consumer for information (the policy's
    /// `info_requests` less those it made), so it cannot pause the clocks without end.
    pub info_requests_left: u32,
    /// An obligation owed to the consumer is overdue or disputed (`ledger::fails_the_consumer`).
    pub remedy_failing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    Always,
    Waiting,
    NotWaiting,
    /// Closed as resolved by the business, and the reopen window still runs.
    ReopenWindow,
    /// Not waiting already, and the policy's information requests are not used up.
    InfoRequestLeft,
    /// An agreed or ordered remedy owed to the consumer is overdue or disputed.
    RemedyFailing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeChange {
    Keep,
    /// A reopened case has no outcome until it closes again.
    Clear,
    Set(Outcome),
    /// The outcome follows the decision given with the action.
    FromDecision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitingChange {
    Keep,
    Start,
    Stop,
}

/// The effect of an allowed move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub to: State,
    pub outcome: OutcomeChange,
    pub waiting: WaitingChange,
}

struct Row {
    from: &'static [State],
    action: Action,
    by: &'static [Side],
    guard: Guard,
    to: Move,
}

const fn to(state: State) -> Move {
    Move {
        to: state,
        outcome: OutcomeChange::Keep,
        waiting: WaitingChange::Stop,
    }
}

const fn closing(state: State, outcome: Outcome) -> Move {
    Move {
        to: state,
        outcome: OutcomeChange::Set(outcome),
        waiting: WaitingChange::Stop,
    }
}

const fn waiting(state: State, change: WaitingChange) -> Move {
    Move {
        to: state,
        outcome: OutcomeChange::Keep,
        waiting: change,
    }
}

use Side::{Authority, Business, Consumer, Coordinator, System};
use State::*;

const BEFORE_DECISION: &[State] = &[
    Submitted,
    WithBusiness,
    AwaitingConsumer,
    Escalated,
    UnderInvestigation,
    HearingScheduled,
];

/// Cases a coordinator may merge into another: any not decided or finished.
const MERGEABLE: &[State] = &[
    Submitted,
    WithBusiness,
    AwaitingConsumer,
    Escalated,
    UnderInvestigation,
    HearingScheduled,
    Resolved,
];

/// The lifecycle of DOMAIN.md. A consumer's rejection refers the case to DNCRP at once.
const TABLE: &[Row] = &[
    // Only the system hands a case to its first handler: at filing, or when the caller of an
    // operator's filing confirms it (a coordinator cannot skip that confirmation).
    Row {
        from: &[Submitted],
        action: Action::Forward,
        by: &[System],
        guard: Guard::Always,
        to: to(WithBusiness),
    },
    Row {
        from: &[Submitted, WithBusiness],
        action: Action::Escalate,
        by: &[System],
        guard: Guard::Always,
        to: to(Escalated),
    },
    Row {
        from: &[WithBusiness],
        action: Action::Escalate,
        by: &[Coordinator],
        guard: Guard::Always,
        to: to(Escalated),
    },
    Row {
        from: &[Submitted],
        action: Action::Close,
        by: &[Coordinator],
        guard: Guard::Always,
        to: closing(Rejected, Outcome::RejectedInadmissible),
    },
    // An operator's filing its complainant never confirmed (the intake confirmation clock).
    Row {
        from: &[Submitted],
        action: Action::Close,
        by: &[System],
        guard: Guard::Always,
        to: closing(Closed, Outcome::Unverified),
    },
    Row {
        from: &[WithBusiness],
        action: Action::Acknowledge,
        by: &[Business],
        guard: Guard::NotWaiting,
        to: waiting(WithBusiness, WaitingChange::Keep),
    },
    Row {
        from: &[WithBusiness],
        action: Action::RequestInfo,
        by: &[Business],
        guard: Guard::InfoRequestLeft,
        to: waiting(WithBusiness, WaitingChange::Start),
    },
    Row {
        from: &[WithBusiness],
        action: Action::ProvideInfo,
        by: &[Consumer],
        guard: Guard::Waiting,
        to: waiting(WithBusiness, WaitingChange::Stop),
    },
    Row {
        from: &[WithBusiness],
        action: Action::ProposeResolution,
        by: &[Business],
        guard: Guard::NotWaiting,
        to: to(AwaitingConsumer),
    },
    // A counter-proposal replaces the one the consumer has not answered yet.
    Row {
        from: &[AwaitingConsumer],
        action: Action::ProposeResolution,
        by: &[Business],
        guard: Guard::Always,
        to: to(AwaitingConsumer),
    },
    // Agreed: the remedy goes on the ledger; the case closes as resolved once it is delivered.
    Row {
        from: &[AwaitingConsumer],
        action: Action::Accept,
        by: &[Consumer],
        guard: Guard::Always,
        to: to(Resolved),
    },
    Row {
        from: &[AwaitingConsumer],
        action: Action::Reject,
        by: &[Consumer],
        guard: Guard::Always,
        to: to(Escalated),
    },
    Row {
        from: &[AwaitingConsumer],
        action: Action::Close,
        by: &[System],
        guard: Guard::Always,
        to: closing(Closed, Outcome::NoConsumerResponse),
    },
    Row {
        from: &[Escalated],
        action: Action::Assign,
        by: &[System, Coordinator],
        guard: Guard::Always,
        to: to(UnderInvestigation),
    },
    Row {
        from: &[UnderInvestigation, HearingScheduled],
        action: Action::Assign,
        by: &[Coordinator],
        guard: Guard::Always,
        to: waiting(UnderInvestigation, WaitingChange::Keep),
    },
    Row {
        from: &[UnderInvestigation],
        action: Action::RequestInfo,
        by: &[Authority],
        guard: Guard::NotWaiting,
        to: waiting(UnderInvestigation, WaitingChange::Start),
    },
    Row {
        from: &[UnderInvestigation],
        action: Action::ProvideInfo,
        by: &[Consumer],
        guard: Guard::Waiting,
        to: waiting(UnderInvestigation, WaitingChange::Stop),
    },
    Row {
        from: &[UnderInvestigation, HearingScheduled],
        action: Action::ScheduleHearing,
        by: &[Authority, Coordinator],
        guard: Guard::Always,
        to: to(HearingScheduled),
    },
    Row {
        from: &[HearingScheduled],
        action: Action::CancelHearing,
        by: &[Authority, Coordinator],
        guard: Guard::Always,
        to: waiting(UnderInvestigation, WaitingChange::Keep),
    },
    Row {
        from: &[UnderInvestigation, HearingScheduled],
        action: Action::Decide,
        by: &[Authority],
        guard: Guard::Always,
        to: Move {
            to: Decided,
            outcome: OutcomeChange::FromDecision,
            waiting: WaitingChange::Stop,
        },
    },
    Row {
        from: &[Resolved],
        action: Action::Close,
        by: &[System, Coordinator],
        guard: Guard::Always,
        to: closing(Closed, Outcome::ResolvedByBusiness),
    },
    Row {
        from: &[Decided],
        action: Action::Close,
        by: &[Authority, Coordinator, System],
        guard: Guard::Always,
        to: to(Closed),
    },
    Row {
        from: &[Closed],
        action: Action::Reopen,
        by: &[Consumer],
        guard: Guard::ReopenWindow,
        to: Move {
            to: Escalated,
            outcome: OutcomeChange::Clear,
            waiting: WaitingChange::Stop,
        },
    },
    // A re-filing closes as a duplicate of the original (its own endpoint names the original).
    Row {
        from: MERGEABLE,
        action: Action::Merge,
        by: &[Coordinator],
        guard: Guard::Always,
        to: closing(Closed, Outcome::Duplicate),
    },
    // The remedy agreed or ordered did not come: the case goes to DNCRP for enforcement.
    Row {
        from: &[Resolved, Decided, Closed],
        action: Action::Reopen,
        by: &[Consumer],
        guard: Guard::RemedyFailing,
        to: Move {
            to: Escalated,
            outcome: OutcomeChange::Clear,
            waiting: WaitingChange::Stop,
        },
    },
    Row {
        from: BEFORE_DECISION,
        action: Action::Withdraw,
        by: &[Consumer],
        guard: Guard::Always,
        to: closing(Withdrawn, Outcome::Withdrawn),
    },
];

impl Guard {
    fn holds(self, case: &CaseFacts, now: DateTime<Utc>) -> bool {
        match self {
            Guard::Always => true,
            Guard::Waiting => case.waiting_on_consumer,
            Guard::NotWaiting => !case.waiting_on_consumer,
            Guard::InfoRequestLeft => !case.waiting_on_consumer && case.info_requests_left > 0,
            Guard::RemedyFailing => case.remedy_failing,
            Guard::ReopenWindow => {
                case.outcome == Some(Outcome::ResolvedByBusiness)
                    && case.reopen_until.is_some_and(|until| now < until)
            }
        }
    }
}

/// Whether this move spends one of the business's information requests (the ones
/// `Guard::InfoRequestLeft` bounds by the policy's `info_requests`).
pub fn spends_info_request(action: Action, side: Side) -> bool {
    action == Action::RequestInfo && side == Side::Business
}

/// A move that is not allowed; `allowed` lists what this side may do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongMove {
    pub allowed: Vec<Action>,
}

fn find(case: &CaseFacts, action: Action, side: Side, now: DateTime<Utc>) -> Option<Move> {
    TABLE
        .iter()
        .find(|row| {
            row.action == action
                && row.from.contains(&case.state)
                && row.by.contains(&side)
                && row.guard.holds(case, now)
        })
        .map(|row| row.to)
}

/// The move `side` asks for, or the moves it could make instead.
pub fn attempt(
    case: &CaseFacts,
    action: Action,
    side: Side,
    now: DateTime<Utc>,
) -> Result<Move, WrongMove> {
    find(case, action, side, now).ok_or_else(|| WrongMove {
        allowed: allowed_actions(case, side, now),
    })
}

/// Every action `side` may take on the case now, in a stable order.
pub fn allowed_actions(case: &CaseFacts, side: Side, now: DateTime<Utc>) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|action| find(case, *action, side, now).is_some())
        .collect()
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
