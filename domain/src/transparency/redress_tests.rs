use chrono::TimeZone;
use uuid::Uuid;

use super::*;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, 6, 0, 0).unwrap()
}

fn owed(kind: ObligationKind, amount: i64, due: u32) -> Obligation {
    Obligation::owed(Uuid::now_v7(), Uuid::nil(), (kind, amount), at(due), at(1))
}

fn paid(o: Obligation, day: u32, status: ObligationStatus) -> Obligation {
    Obligation {
        paid_at: Some(at(day)),
        status,
        ..o
    }
}

#[test]
fn money_counts_refunds_and_compensation_to_the_consumer_and_confirmed_is_what_arrived() {
    let ledger = [
        paid(
            owed(ObligationKind::Refund, 150_000, 5),
            4,
            ObligationStatus::Confirmed,
        ),
        owed(ObligationKind::Compensation, 50_000, 20),
        owed(ObligationKind::Remedy, 900_000, 20),
        owed(ObligationKind::Fine, 1_000_000, 20),
    ];
    let facts = RedressFacts::of(Some(Remedy::Refund), &ledger, None, at(10));
    assert_eq!(
        (facts.promised_poisha, facts.confirmed_poisha),
        (200_000, 150_000)
    );
    assert_eq!((facts.obligations_due, facts.paid_on_time), (1, 1));
}

#[test]
fn an_obligation_falls_due_when_paid_or_past_its_time_and_counts_on_time_only_if_paid_by_it() {
    let ledger = [
        paid(
            owed(ObligationKind::Refund, 1, 5),
            6,
            ObligationStatus::Paid,
        ),
        Obligation {
            status: ObligationStatus::Overdue,
            ..owed(ObligationKind::Remedy, 0, 8)
        },
        owed(ObligationKind::Compensation, 1, 30),
    ];
    let facts = RedressFacts::of(None, &ledger, Some((Some(false), 2)), at(10));
    assert_eq!(
        (facts.obligations_due, facts.paid_on_time, facts.overdue),
        (2, 0, 1)
    );
    assert_eq!(
        (facts.consumer_resolved, facts.satisfaction),
        (Some(false), Some(2))
    );
}

#[test]
fn the_tally_shares_follow_the_published_formula() {
    let mut tally = RedressTally::default();
    let on_time = [paid(
        owed(ObligationKind::Refund, 1, 5),
        4,
        ObligationStatus::Paid,
    )];
    let late = [paid(
        owed(ObligationKind::Refund, 1, 5),
        6,
        ObligationStatus::Paid,
    )];
    tally.add(&RedressFacts::of(
        None,
        &on_time,
        Some((Some(true), 5)),
        at(10),
    ));
    tally.add(&RedressFacts::of(
        None,
        &late,
        Some((Some(false), 2)),
        at(10),
    ));
    tally.add(&RedressFacts::of(None, &late, Some((None, 4)), at(10)));
    assert_eq!(tally.shares(), (Some(0.3333), Some(0.5), Some(3.67)));
    assert_eq!(RedressTally::default().shares(), (None, None, None));
}
