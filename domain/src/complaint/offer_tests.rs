use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::authority::ledger::ObligationKind;

fn noon_dhaka(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, 6, 0, 0).unwrap()
}

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, day).unwrap()
}

fn offer(remedy: Remedy, amount: Option<i64>, promised_by: NaiveDate) -> Offer {
    Offer {
        id: Uuid::nil(),
        complaint_id: Uuid::nil(),
        remedy,
        amount_poisha: amount,
        promised_by,
        note: None,
        status: OfferStatus::Proposed,
        proposed_at: noon_dhaka(1),
    }
}

fn rules(invalid: Invalid) -> Vec<(String, &'static str)> {
    invalid.0.into_iter().map(|e| (e.field, e.rule)).collect()
}

#[test]
fn a_refund_must_name_an_amount_above_nothing() {
    let missing = Remedial::parse(Remedy::Refund, None, date(3), noon_dhaka(1)).unwrap_err();
    assert_eq!(rules(missing), vec![("amount_poisha".into(), "required")]);
    let zero = Remedial::parse(Remedy::Refund, Some(0), date(3), noon_dhaka(1)).unwrap_err();
    assert_eq!(rules(zero), vec![("amount_poisha".into(), "range")]);
    assert!(Remedial::parse(Remedy::Refund, Some(150_000), date(3), noon_dhaka(1)).is_ok());
}

#[test]
fn goods_may_come_without_an_amount_but_never_a_negative_one() {
    assert!(Remedial::parse(Remedy::Replacement, None, date(3), noon_dhaka(1)).is_ok());
    let negative = Remedial::parse(Remedy::Repair, Some(-1), date(3), noon_dhaka(1)).unwrap_err();
    assert_eq!(
        rules(negative),
        vec![("amount_poisha".into(), "negative_amount")]
    );
}

#[test]
fn a_promise_is_for_today_or_later_and_at_most_a_year_ahead() {
    let yesterday = Remedial::parse(Remedy::Delivery, None, date(9), noon_dhaka(10)).unwrap_err();
    assert_eq!(
        rules(yesterday),
        vec![("promised_by".into(), "before_today")]
    );
    assert!(Remedial::parse(Remedy::Delivery, None, date(10), noon_dhaka(10)).is_ok());
    let far = date(10) + chrono::Duration::days(LONGEST_PROMISE_DAYS + 1);
    let refused = Remedial::parse(Remedy::Delivery, None, far, noon_dhaka(10)).unwrap_err();
    assert_eq!(rules(refused), vec![("promised_by".into(), "range")]);
}

#[test]
fn the_promised_day_ends_at_midnight_in_dhaka() {
    let promised = offer(Remedy::Delivery, None, date(5)).remedial();
    assert_eq!(
        promised.promised_until(),
        Utc.with_ymd_and_hms(2026, 12, 5, 18, 0, 0).unwrap()
    );
}

#[test]
fn a_refund_is_due_by_the_promise_or_the_refund_clock_whichever_comes_first() {
    let clock = Utc.with_ymd_and_hms(2026, 12, 11, 6, 0, 0).unwrap();
    let soon =
        offer(Remedy::Refund, Some(150_000), date(3)).obligation(Uuid::nil(), clock, noon_dhaka(1));
    assert_eq!(soon.kind, ObligationKind::Refund);
    assert_eq!(soon.amount_poisha, 150_000);
    assert_eq!(
        soon.due_at,
        Utc.with_ymd_and_hms(2026, 12, 3, 18, 0, 0).unwrap()
    );
    let late = offer(Remedy::Refund, Some(150_000), date(30)).obligation(
        Uuid::nil(),
        clock,
        noon_dhaka(1),
    );
    assert_eq!(late.due_at, clock);
}

#[test]
fn goods_are_due_by_the_promised_day_whatever_the_refund_clock() {
    let clock = Utc.with_ymd_and_hms(2026, 12, 11, 6, 0, 0).unwrap();
    let goods =
        offer(Remedy::Replacement, None, date(20)).obligation(Uuid::nil(), clock, noon_dhaka(1));
    assert_eq!(goods.kind, ObligationKind::Remedy);
    assert_eq!(goods.amount_poisha, 0);
    assert_eq!(
        goods.due_at,
        Utc.with_ymd_and_hms(2026, 12, 20, 18, 0, 0).unwrap()
    );
}
