//! Paying out a matter's obligations through a payment gateway or an escrow agent: the lines
//! it is sent (one per owed obligation), and what its report of each payout does to the ledger.
//! A report may arrive twice, or partly again: each line is matched to an owed obligation by
//! its id, amount and reference, and a line already applied changes nothing.

use serde::Serialize;

use crate::authority::ledger::{Obligation, ObligationKind, ObligationStatus};
use crate::complaint::PaymentMethod;

/// The obligations a gateway pays out: money owed to the consumer. A fine goes to the state
/// and goods by courier, neither through a consumer payout.
pub const PAID_OUT: &[ObligationKind] = &[
    ObligationKind::Refund,
    ObligationKind::Compensation,
    ObligationKind::ComplainantShare,
];

/// Unpaid: what a payout file carries.
pub const UNPAID: &[ObligationStatus] = &[ObligationStatus::Owed, ObligationStatus::Overdue];

/// One payout for the gateway: whom to pay, how much, and the reference to report back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayoutLine {
    pub tracking_number: String,
    pub obligation_id: uuid::Uuid,
    /// `bkash`, `nagad`, `rocket` (a mobile wallet) or `manual` (card, bank, cash: paid by
    /// hand, since CCMS holds no account number it could trust).
    pub method: &'static str,
    /// The wallet number: the phone the consumer verified by a one-time code to file, in its
    /// home form (`01712345678`); empty for `manual`.
    pub account: String,
    pub amount_poisha: i64,
    /// What the gateway reports back: the obligation's id.
    pub reference: String,
}

/// The wallet a payout goes to: the one the consumer paid with, at the number they verified
/// by a one-time code to file. A case a partner pushed carries the number the partner gave,
/// which nobody verified: it is paid by hand (`manual`), never to that number.
pub fn payee(
    paid_with: PaymentMethod,
    phone: &str,
    pushed_by_partner: bool,
) -> (&'static str, String) {
    if pushed_by_partner {
        return ("manual", String::new());
    }
    let home = phone.strip_prefix("+88").unwrap_or(phone).to_owned();
    match paid_with {
        PaymentMethod::Bkash => ("bkash", home),
        PaymentMethod::Nagad => ("nagad", home),
        PaymentMethod::Rocket => ("rocket", home),
        PaymentMethod::Cod | PaymentMethod::Card | PaymentMethod::Bank | PaymentMethod::Other => {
            ("manual", String::new())
        }
    }
}

/// One line of the gateway's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayoutResult {
    /// Paid, with the gateway's transaction id.
    Paid { transaction: String },
    /// Not paid, with the gateway's reason.
    Failed { reason: String },
}

/// What a report line does to its obligation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Reconciled {
    /// Marked paid (the payer's step, taken by the gateway on its behalf).
    Paid,
    /// The failure recorded; still owed.
    Failed,
    /// Applied before: nothing changes.
    Unchanged,
    /// The amount differs from the obligation's.
    AmountMismatch,
    /// Paid already, under another transaction id, or confirmed, or disputed.
    AlreadySettled,
}

/// What the report line `result` for `amount_poisha` does to `current`.
pub fn reconcile(current: &Obligation, amount_poisha: i64, result: &PayoutResult) -> Reconciled {
    use ObligationStatus::{Confirmed, Disputed, Overdue, Owed, Paid};
    if amount_poisha != current.amount_poisha {
        return Reconciled::AmountMismatch;
    }
    let paid_as = current.reference.as_deref();
    match (current.status, result) {
        (Paid | Confirmed, PayoutResult::Paid { transaction }) if paid_as == Some(transaction) => {
            Reconciled::Unchanged
        }
        (Paid | Confirmed | Disputed, _) => Reconciled::AlreadySettled,
        (Owed | Overdue, PayoutResult::Paid { .. }) => Reconciled::Paid,
        (Owed | Overdue, PayoutResult::Failed { reason })
            if current.payout_failure.as_deref() == Some(reason) =>
        {
            Reconciled::Unchanged
        }
        (Owed | Overdue, PayoutResult::Failed { .. }) => Reconciled::Failed,
    }
}

#[cfg(test)]
#[path = "payout_tests.rs"]
mod tests;
