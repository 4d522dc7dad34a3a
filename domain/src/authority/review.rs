//! A review of how a case ended, asked for by a consumer who judged it unresolved or rated it
//! 1 or 2: it goes to a DNCRP officer other than the one who decided, runs on its own clock, and
//! its result supersedes the earlier outcome (both stay on the timeline and in the packet).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::assignment::{OfficerLoad, assignee};
use crate::complaint::{Complaint, Outcome, State};

/// How long after closing a consumer may ask, and how long the reviewer has: policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewPolicy {
    /// Days after the case closed that a review may be asked for, 1 to 365.
    pub window_days: u32,
    /// Days the reviewer has to decide, 1 to 365.
    pub decide_within_days: u32,
    pub source: String,
}

impl Default for ReviewPolicy {
    fn default() -> ReviewPolicy {
        ReviewPolicy {
            window_days: 30,
            decide_within_days: 30,
            source: "CCMS policy (no statute sets one): as long as the reopen window to ask, and \
                     a month for the reviewer"
                .into(),
        }
    }
}

/// The outcomes a review can be asked about: those the business or the directorate reached.
pub const REVIEWABLE: &[Outcome] = &[
    Outcome::ResolvedByBusiness,
    Outcome::DecidedUpheld,
    Outcome::DecidedDismissed,
    Outcome::SettledAtHearing,
];

/// What the reviewer found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewResult {
    /// The earlier outcome stands.
    Upheld,
    /// The earlier outcome is replaced by the reviewer's (and compensation may be ordered).
    Varied,
    /// The request had no ground; the earlier outcome stands.
    Dismissed,
}

/// The outcomes a varied review may set.
pub const VARIED_TO: &[Outcome] = &[
    Outcome::DecidedUpheld,
    Outcome::DecidedDismissed,
    Outcome::SettledAtHearing,
];

/// Why a review cannot be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoReview {
    /// The case is not closed with a reviewable outcome.
    NotReviewable,
    /// The consumer judged it resolved and rated it 3 or more, or gave no verdict yet.
    NoGround,
    /// The window after closing has passed.
    TooLate,
}

/// Whether the consumer may ask for a review of `case` at `now`, given their verdict.
pub fn may_ask(
    case: &Complaint,
    verdict: Option<(Option<bool>, i32)>,
    policy: &ReviewPolicy,
    now: DateTime<Utc>,
) -> Result<(), NoReview> {
    let reviewable =
        case.state == State::Closed && case.outcome.is_some_and(|o| REVIEWABLE.contains(&o));
    if !reviewable {
        return Err(NoReview::NotReviewable);
    }
    let ground = verdict.is_some_and(|(resolved, rating)| resolved == Some(false) || rating <= 2);
    if !ground {
        return Err(NoReview::NoGround);
    }
    let window = Duration::days(i64::from(policy.window_days));
    if case.closed_at.is_none_or(|closed| now >= closed + window) {
        return Err(NoReview::TooLate);
    }
    Ok(())
}

/// The reviewer: by the assignment rule, among the agency's officers but the one who decided.
pub fn reviewer(loads: &[OfficerLoad], decided_by: Option<Uuid>) -> Option<Uuid> {
    let others: Vec<OfficerLoad> = loads
        .iter()
        .filter(|l| Some(l.officer) != decided_by)
        .cloned()
        .collect();
    assignee(&others)
}

/// A review as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    pub complaint_id: Uuid,
    /// What the consumer says was wrong.
    pub reason: String,
    pub requested_at: DateTime<Utc>,
    /// The reviewer's clock: decide by then.
    pub due_at: DateTime<Utc>,
    pub reviewer: Uuid,
    /// The outcome under review.
    pub earlier_outcome: Outcome,
    pub result: Option<ReviewResult>,
    /// The outcome after the review (the earlier one unless varied).
    pub outcome: Option<Outcome>,
    pub reasons: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
