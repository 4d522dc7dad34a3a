//! Every way a use case fails, in its own words; the HTTP crate decides what each answers.

use ccms_domain::authority::decision::BadDecision;
use ccms_domain::complaint::admissibility::Refusal;
use ccms_domain::complaint::limits::FilingLimit;
use ccms_domain::complaint::transition::MoveRefused;
use ccms_persistence::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum UseCaseError {
    /// The lifecycle refused the move.
    #[error("move refused")]
    Refused(#[from] MoveRefused),
    /// The store failed or refused (not found, a conflict, a stale version, unavailable).
    #[error("store")]
    Store(#[from] StoreError),
    /// No such case, or none the caller may see (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The caller may not do this (a filing account without a phone number, say).
    #[error("forbidden")]
    Forbidden,
    /// A partner named a business outside its marketplace.
    #[error("outside the partner's filing scope")]
    OutsideFilingScope,
    /// An admissibility rule refuses the complaint.
    #[error("inadmissible: {refusal:?}")]
    Inadmissible {
        refusal: Refusal,
        legal_source: &'static str,
    },
    /// An open case for the same order exists; named only to a caller who may read it.
    #[error("duplicate of {existing:?}")]
    Duplicate {
        existing: Option<(uuid::Uuid, String)>,
    },
    /// One more filing would pass a limit of the policy; `source` is the rule's.
    #[error("filing limit reached; retry after {retry_after_secs}s")]
    FilingLimit {
        limit: FilingLimit,
        retry_after_secs: i64,
        legal_source: String,
    },
    /// A decision orders what it may not (a fine above the maximum, amounts without upholding).
    #[error("bad decision: {0:?}")]
    BadDecision(BadDecision),
    /// An `assign` named an account that is not an active officer of the case's agency.
    #[error("not an officer of the agency")]
    NotAnOfficerOfTheAgency,
    /// An `assign` by rule found no active officer in the case's agency.
    #[error("no officer available")]
    NoOfficerAvailable,
    /// A field the caller sent breaks a rule only the use case can check (a hearing too soon
    /// for the case's policy, an agency that is not registered).
    #[error("invalid: {0:?}")]
    Invalid(#[from] ccms_domain::Invalid),
    /// The thing is not in a state that allows this.
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// Something the product must always have is missing (no policy published, say).
    #[error("{0}")]
    Broken(String),
}

/// Why a step does not fit the state of what it steps on (each a 409 of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// A case holds one scheduled hearing at a time.
    HearingAlreadyScheduled,
    /// The hearing was already rescheduled, cancelled or held.
    HearingNotScheduled,
    /// A hearing is recorded once its time has come.
    HearingNotDue,
    /// The ledger or referral step is not the caller's, or does not follow.
    StepNotAllowed,
    /// Feedback waits for the case to close.
    CaseNotClosed,
    /// The policy's window for this (a verdict, an appeal, a review) has closed.
    WindowClosed,
    /// Only a decided case can be appealed.
    NotDecided,
    /// Only a closed case resolved by the business or decided can be reviewed.
    NotReviewable,
    /// The consumer judged the case resolved and rated it 3 or more (or gave no verdict yet).
    NoGroundForReview,
    /// A decided matter takes no more cases and no second decision.
    MatterDecided,
    /// Only a case an operator filed, still waiting for its complainant, takes a code.
    NotHeld,
    /// The held case's wrong codes are used up; it closes at its clock.
    NoTriesLeft,
    /// The case's personal data was erased: nothing is left to hold.
    AlreadyErased,
}

/// An error and every cause below it, for the log: `store: database query failed: <what the
/// database said>`. Never for an answer's body.
pub fn cause_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        next = cause.source();
    }
    text
}
