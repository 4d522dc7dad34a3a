//! The compensation ledger of a case: what is owed, by whom, to whom, and how far it has got.
//! An obligation is `owed`, then `paid` by its payer (with a reference), then `confirmed` by its
//! receiver, or `disputed` by the receiver (with a reason) when it did not arrive as said; the
//! worker marks an unpaid one `overdue` after its due date, and takes a paid one the consumer
//! stays silent on past the policy's confirmation window as confirmed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::complaint::Poisha;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    /// Compensation or refund the business owes the consumer.
    Compensation,
    /// The fine the business owes the state.
    Fine,
    /// The complainant's 25% of a collected fine, owed by the state [CRPA 2009 s.76(4)].
    ComplainantShare,
    /// A refund the business agreed to in its accepted resolution.
    Refund,
    /// Goods or a service the business agreed to in its accepted resolution: a replacement,
    /// a delivery, a repair or another remedy (its amount, if any, is the value).
    Remedy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    Owed,
    Paid,
    Confirmed,
    Overdue,
    /// The receiver says it did not arrive as the payer said.
    Disputed,
}

/// A party to an obligation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Business,
    Consumer,
    /// The state, acting through DNCRP (its officers and the coordinators).
    State,
}

impl Party {
    /// The party a side of the case acts for on the ledger.
    pub fn of(side: crate::complaint::Side) -> Option<Party> {
        use crate::complaint::Side;
        match side {
            Side::Consumer => Some(Party::Consumer),
            Side::Business => Some(Party::Business),
            Side::Authority | Side::Coordinator => Some(Party::State),
            Side::System => None,
        }
    }
}

impl ObligationKind {
    /// Who pays and who receives.
    pub fn parties(self) -> (Party, Party) {
        match self {
            ObligationKind::Compensation | ObligationKind::Refund | ObligationKind::Remedy => {
                (Party::Business, Party::Consumer)
            }
            ObligationKind::Fine => (Party::Business, Party::State),
            ObligationKind::ComplainantShare => (Party::State, Party::Consumer),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LedgerStep {
    /// The payer says it paid.
    Pay,
    /// The receiver confirms it arrived; for a fine, that it was collected.
    Confirm,
    /// The receiver says it did not arrive as the payer said (with a reason).
    Dispute,
}

/// (from, step, who takes it of (payer, receiver)) → to.
type LedgerMove = (
    &'static [ObligationStatus],
    LedgerStep,
    fn((Party, Party)) -> Party,
    ObligationStatus,
);

/// The ledger's moves, as data.
const MOVES: &[LedgerMove] = &[
    (
        &[
            ObligationStatus::Owed,
            ObligationStatus::Overdue,
            ObligationStatus::Disputed,
        ],
        LedgerStep::Pay,
        |(payer, _)| payer,
        ObligationStatus::Paid,
    ),
    (
        &[ObligationStatus::Paid, ObligationStatus::Disputed],
        LedgerStep::Confirm,
        |(_, receiver)| receiver,
        ObligationStatus::Confirmed,
    ),
    (
        &[ObligationStatus::Paid],
        LedgerStep::Dispute,
        |(_, receiver)| receiver,
        ObligationStatus::Disputed,
    ),
];

/// The status after `party` takes `step`, or `None` if it may not.
pub fn step(
    kind: ObligationKind,
    status: ObligationStatus,
    step: LedgerStep,
    party: Party,
) -> Option<ObligationStatus> {
    MOVES
        .iter()
        .find(|(from, s, who, _)| {
            *s == step && from.contains(&status) && who(kind.parties()) == party
        })
        .map(|(_, _, _, to)| *to)
}

/// The statuses an obligation falls `overdue` from when its due time comes (DOMAIN.md: owed →
/// overdue); an overdue one may still be paid (`MOVES`). The sweep marks them; the store only
/// filters by this list and the due time.
pub const FALLS_OVERDUE_FROM: &[ObligationStatus] = &[ObligationStatus::Owed];

/// The statuses of an obligation whose money or goods reached their receiver: any other keeps
/// the case's personal data from erasure (the payout still needs the payee).
pub const DELIVERED: &[ObligationStatus] = &[ObligationStatus::Confirmed];

pub use super::settlement::{
    CONFIRMED_BY_SILENCE_FROM, ConfirmationWindow, FAILS_THE_CONSUMER, confirmed_by_silence,
    fails_the_consumer, redress_delivered,
};

/// Whether an obligation in `status`, due at `due_at`, is overdue at `now`.
pub fn falls_overdue(status: ObligationStatus, due_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    FALLS_OVERDUE_FROM.contains(&status) && due_at <= now
}

/// What a step on an obligation brings about: a fine confirmed as collected owes the
/// complainant its share [CRPA 2009 s.76(4)].
pub fn follows(kind: ObligationKind, step: LedgerStep) -> Option<ObligationKind> {
    (kind == ObligationKind::Fine && step == LedgerStep::Confirm)
        .then_some(ObligationKind::ComplainantShare)
}

/// The part of a collected fine that goes to the complainant, with its legal source: policy,
/// so a published version can follow the law if it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ComplainantShare {
    /// Percent of the fine, 1 to 100.
    pub percent: u32,
    pub source: String,
}

impl Default for ComplainantShare {
    fn default() -> ComplainantShare {
        ComplainantShare {
            percent: 25,
            source: "Consumer Rights Protection Act 2009, s.76(4): a quarter of a fine collected \
                     goes to the complainant"
                .into(),
        }
    }
}

/// The complainant's share of a collected fine: the policy's percent, rounded down to the poisha.
pub fn complainant_share(fine: Poisha, share: &ComplainantShare) -> Poisha {
    let part = i128::from(fine.value()) * i128::from(share.percent.min(100)) / 100;
    i64::try_from(part)
        .ok()
        .and_then(|part| Poisha::new(part).ok())
        .unwrap_or(fine)
}

impl Obligation {
    /// A new line of the ledger, owed by the kind's payer to its receiver.
    pub fn owed(
        id: uuid::Uuid,
        complaint_id: uuid::Uuid,
        (kind, amount_poisha): (ObligationKind, i64),
        due_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Obligation {
        let (payer, receiver) = kind.parties();
        Obligation {
            id,
            complaint_id,
            kind,
            payer,
            receiver,
            amount_poisha,
            due_at,
            status: ObligationStatus::Owed,
            reference: None,
            dispute_reason: None,
            paid_at: None,
            confirmed_at: None,
            version: 1,
            created_at: now,
            payout_failure: None,
        }
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Obligation {
    pub id: uuid::Uuid,
    pub complaint_id: uuid::Uuid,
    pub kind: ObligationKind,
    pub payer: Party,
    pub receiver: Party,
    pub amount_poisha: i64,
    pub due_at: chrono::DateTime<chrono::Utc>,
    pub status: ObligationStatus,
    /// The payer's payment reference (a courier's tracking number for goods).
    pub reference: Option<String>,
    /// Why the receiver disputes it.
    pub dispute_reason: Option<String>,
    pub paid_at: Option<chrono::DateTime<chrono::Utc>>,
    pub confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Why the last payout through a payment gateway failed (a collective matter's
    /// reconciliation); the obligation stays owed until a payout succeeds.
    pub payout_failure: Option<String>,
}
