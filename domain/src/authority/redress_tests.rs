//! The ledger of an agreed remedy: disputes, failing remedies, delivery and silence.

use chrono::{Duration, TimeZone, Utc};
use uuid::Uuid;

use super::ledger::{
    self, ConfirmationWindow, LedgerStep, Obligation, ObligationKind, ObligationStatus, Party,
};

fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, 6, 0, 0).unwrap()
}

fn obligation(kind: ObligationKind, status: ObligationStatus) -> Obligation {
    Obligation {
        status,
        ..Obligation::owed(Uuid::nil(), Uuid::nil(), (kind, 150_000), at(10), at(1))
    }
}

#[test]
fn the_consumer_disputes_a_payment_marked_paid_and_the_business_may_pay_again() {
    use ObligationStatus::*;
    let refund = ObligationKind::Refund;
    let dispute = |status, party| ledger::step(refund, status, LedgerStep::Dispute, party);
    assert_eq!(dispute(Paid, Party::Consumer), Some(Disputed));
    assert_eq!(dispute(Paid, Party::Business), None);
    assert_eq!(dispute(Owed, Party::Consumer), None);
    assert_eq!(dispute(Confirmed, Party::Consumer), None);
    assert_eq!(
        ledger::step(refund, Disputed, LedgerStep::Pay, Party::Business),
        Some(Paid)
    );
    assert_eq!(
        ledger::step(refund, Disputed, LedgerStep::Confirm, Party::Consumer),
        Some(Confirmed)
    );
}

#[test]
fn an_overdue_or_disputed_obligation_to_the_consumer_fails_them_a_fine_does_not() {
    use ObligationStatus::*;
    for (kind, status, fails) in [
        (ObligationKind::Refund, Overdue, true),
        (ObligationKind::Remedy, Disputed, true),
        (ObligationKind::Compensation, Overdue, true),
        (ObligationKind::Refund, Paid, false),
        (ObligationKind::Refund, Owed, false),
        (ObligationKind::Fine, Overdue, false),
    ] {
        let failing = ledger::fails_the_consumer(&[obligation(kind, status)]);
        assert_eq!(failing, fails, "{kind:?} {status:?}");
    }
}

#[test]
fn a_remedy_is_delivered_when_every_obligation_to_the_consumer_is_confirmed() {
    use ObligationStatus::*;
    let refund = |s| obligation(ObligationKind::Refund, s);
    let goods = |s| obligation(ObligationKind::Remedy, s);
    assert!(!ledger::redress_delivered(&[]));
    assert!(ledger::redress_delivered(&[refund(Confirmed)]));
    assert!(!ledger::redress_delivered(&[
        refund(Confirmed),
        goods(Paid)
    ]));
    assert!(ledger::redress_delivered(&[
        refund(Confirmed),
        obligation(ObligationKind::Fine, Owed)
    ]));
}

#[test]
fn silence_confirms_a_payment_once_the_window_has_passed_and_not_a_second_before() {
    let window = ConfirmationWindow::default();
    let paid = Obligation {
        paid_at: Some(at(2)),
        ..obligation(ObligationKind::Refund, ObligationStatus::Paid)
    };
    let end = at(2) + Duration::days(i64::from(window.days));
    assert!(!ledger::confirmed_by_silence(
        &paid,
        &window,
        end - Duration::seconds(1)
    ));
    assert!(ledger::confirmed_by_silence(&paid, &window, end));
    let disputed = Obligation {
        status: ObligationStatus::Disputed,
        ..paid.clone()
    };
    assert!(!ledger::confirmed_by_silence(&disputed, &window, end));
    let fine = Obligation {
        paid_at: Some(at(2)),
        ..obligation(ObligationKind::Fine, ObligationStatus::Paid)
    };
    assert!(!ledger::confirmed_by_silence(&fine, &window, end));
}
