use chrono::TimeZone;

use super::*;
use crate::complaint::{Category, Channel, PaymentMethod, Poisha, Remedy};
use crate::text::Line;

/// 28 November 2026, 20:00 UTC: already the 29th in Dhaka.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 20, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn complaint(incident: NaiveDate) -> Filing {
    Filing {
        business_id: Uuid::nil(),
        channel: Channel::App,
        category: Category::NonDelivery,
        subject: Line::parse("Phone never arrived").unwrap(),
        description: Line::parse("I paid in full on 1 November and nothing came.").unwrap(),
        order_reference: Some(Line::parse("BB-778812").unwrap()),
        order_date: Some(incident),
        incident_date: incident,
        amount_paid: Poisha::new(1_850_000).unwrap(),
        amount_claimed: Poisha::new(1_850_000).unwrap(),
        payment_method: PaymentMethod::Bkash,
        desired_remedy: Remedy::Refund,
        contacted_business_on: None,
        consent_to_publish: false,
    }
}

fn active() -> IntakeContext {
    IntakeContext {
        business: Some(BusinessStatus::Active),
        now: now(),
        filing_window_days: FilingWindow::default().days,
    }
}

fn refusal(complaint: &Filing, context: &IntakeContext) -> Option<&'static str> {
    check(complaint, context).err().map(|e| e.refusal.code())
}

#[test]
fn a_recent_complaint_against_an_active_business_is_admissible() {
    assert_eq!(refusal(&complaint(date(2026, 11, 20)), &active()), None);
}

#[test]
fn the_filing_window_is_thirty_days_counted_in_dhaka() {
    // Today is 29 November in Dhaka: 30 October is day 30, 29 October is day 31.
    assert_eq!(refusal(&complaint(date(2026, 10, 30)), &active()), None);
    assert_eq!(
        refusal(&complaint(date(2026, 10, 29)), &active()),
        Some("filing_window_expired")
    );
    assert_eq!(refusal(&complaint(date(2026, 11, 29)), &active()), None);
    assert_eq!(
        refusal(&complaint(date(2026, 11, 30)), &active()),
        Some("incident_in_future")
    );
}

#[test]
fn a_published_filing_window_moves_the_last_admissible_day() {
    // Today is 29 November in Dhaka: with 45 days, 15 October is day 45 and 14 October day 46.
    let longer = IntakeContext {
        filing_window_days: 45,
        ..active()
    };
    assert_eq!(refusal(&complaint(date(2026, 10, 15)), &longer), None);
    assert_eq!(
        refusal(&complaint(date(2026, 10, 14)), &longer),
        Some("filing_window_expired")
    );
}

#[test]
fn only_registered_active_businesses_can_be_named() {
    let unknown = IntakeContext {
        business: None,
        ..active()
    };
    assert_eq!(
        refusal(&complaint(date(2026, 11, 20)), &unknown),
        Some("business_not_registered")
    );
    let suspended = IntakeContext {
        business: Some(BusinessStatus::Suspended),
        ..active()
    };
    assert_eq!(
        refusal(&complaint(date(2026, 11, 20)), &suspended),
        Some("business_suspended")
    );
}

#[test]
fn every_rule_names_its_source_and_codes_are_unique() {
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.refusal.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len());
    assert!(RULES.iter().all(|r| !r.source.is_empty()));
}

#[test]
fn a_short_description_is_refused() {
    let short = Filing {
        description: Line::parse("too short").unwrap(),
        ..complaint(date(2026, 11, 20))
    };
    assert_eq!(refusal(&short, &active()), Some("description_too_short"));
}
