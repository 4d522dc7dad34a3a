use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::authority::ledger::ObligationKind;

fn owed() -> Obligation {
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
    let line = (ObligationKind::Compensation, 150_000);
    Obligation::owed(Uuid::nil(), Uuid::nil(), line, at, at)
}

fn paid(transaction: &str) -> PayoutResult {
    PayoutResult::Paid {
        transaction: transaction.into(),
    }
}

#[test]
fn a_paid_line_marks_an_owed_obligation_paid_and_the_same_line_again_changes_nothing() {
    assert_eq!(reconcile(&owed(), 150_000, &paid("TX1")), Reconciled::Paid);
    let after = Obligation {
        status: ObligationStatus::Paid,
        reference: Some("TX1".into()),
        ..owed()
    };
    assert_eq!(
        reconcile(&after, 150_000, &paid("TX1")),
        Reconciled::Unchanged
    );
    assert_eq!(
        reconcile(&after, 150_000, &paid("TX2")),
        Reconciled::AlreadySettled
    );
}

#[test]
fn a_failed_line_keeps_it_owed_once_and_a_later_payout_still_pays_it() {
    let failed = PayoutResult::Failed {
        reason: "wallet not found".into(),
    };
    assert_eq!(reconcile(&owed(), 150_000, &failed), Reconciled::Failed);
    let after = Obligation {
        payout_failure: Some("wallet not found".into()),
        ..owed()
    };
    assert_eq!(reconcile(&after, 150_000, &failed), Reconciled::Unchanged);
    assert_eq!(reconcile(&after, 150_000, &paid("TX9")), Reconciled::Paid);
}

#[test]
fn a_line_for_another_amount_is_refused() {
    assert_eq!(
        reconcile(&owed(), 149_999, &paid("TX1")),
        Reconciled::AmountMismatch
    );
}

#[test]
fn a_wallet_payout_goes_to_the_verified_number_and_others_are_paid_by_hand() {
    let paid = |method, pushed| payee(method, "+8801712345678", pushed);
    assert_eq!(
        paid(PaymentMethod::Bkash, false),
        ("bkash", "01712345678".to_owned())
    );
    assert_eq!(paid(PaymentMethod::Card, false), ("manual", String::new()));
    assert_eq!(
        paid(PaymentMethod::Bkash, true),
        ("manual", String::new()),
        "a number a partner gave is never paid to"
    );
}
