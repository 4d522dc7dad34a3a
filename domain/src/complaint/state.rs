//! Where a case stands, and how a finished one ended.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum State {
    Submitted,
    WithBusiness,
    AwaitingConsumer,
    Escalated,
    UnderInvestigation,
    HearingScheduled,
    Decided,
    Resolved,
    Closed,
    Withdrawn,
    Rejected,
}

impl State {
    pub const ALL: [State; 11] = [
        State::Submitted,
        State::WithBusiness,
        State::AwaitingConsumer,
        State::Escalated,
        State::UnderInvestigation,
        State::HearingScheduled,
        State::Decided,
        State::Resolved,
        State::Closed,
        State::Withdrawn,
        State::Rejected,
    ];

    /// A case still being worked: counts as open for the duplicate rule.
    pub fn is_open(self) -> bool {
        !matches!(self, State::Closed | State::Withdrawn | State::Rejected)
    }

    /// The states a case ends in: its retention runs from then.
    pub fn finished() -> impl Iterator<Item = State> {
        State::ALL.into_iter().filter(|s| !s.is_open())
    }
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    ResolvedByBusiness,
    NoConsumerResponse,
    DecidedUpheld,
    DecidedDismissed,
    SettledAtHearing,
    Withdrawn,
    RejectedInadmissible,
    Duplicate,
    /// Filed by an operator for a caller who never confirmed it by the code sent to the phone.
    Unverified,
}

/// A DNCRP decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Upheld,
    Dismissed,
    Settled,
}

impl Decision {
    pub fn outcome(self) -> Outcome {
        match self {
            Decision::Upheld => Outcome::DecidedUpheld,
            Decision::Dismissed => Outcome::DecidedDismissed,
            Decision::Settled => Outcome::SettledAtHearing,
        }
    }
}
