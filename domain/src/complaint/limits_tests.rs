use chrono::TimeZone;

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap()
}

fn filed(hours_ago: i64, business: u128) -> EarlierFiling {
    EarlierFiling {
        at: now() - Duration::hours(hours_ago),
        business_id: Uuid::from_u128(business),
    }
}

#[test]
fn the_tenth_filing_of_a_day_is_allowed_and_the_eleventh_waits_for_the_oldest_to_age_out() {
    let limits = FilingLimits::default();
    let nine: Vec<_> = (1..=9).map(|h| filed(h, h as u128)).collect();
    assert!(limits.admit(&nine, Uuid::from_u128(99), now()).is_ok());
    let ten: Vec<_> = (1..=10).map(|h| filed(h, h as u128)).collect();
    assert_eq!(
        limits.admit(&ten, Uuid::from_u128(99), now()),
        Err(OverLimit {
            limit: FilingLimit::PerConsumer,
            retry_after: Duration::hours(14),
        })
    );
}

#[test]
fn filings_older_than_a_day_are_not_counted() {
    let limits = FilingLimits::default();
    let old: Vec<_> = (24..40).map(|h| filed(h, 1)).collect();
    assert!(limits.admit(&old, Uuid::from_u128(1), now()).is_ok());
}

#[test]
fn a_fourth_filing_against_one_business_in_a_day_is_refused_but_another_business_is_not() {
    let limits = FilingLimits::default();
    let three = [filed(5, 7), filed(3, 7), filed(1, 7)];
    assert_eq!(
        limits.admit(&three, Uuid::from_u128(7), now()),
        Err(OverLimit {
            limit: FilingLimit::PerBusiness,
            retry_after: Duration::hours(19),
        })
    );
    assert!(limits.admit(&three, Uuid::from_u128(8), now()).is_ok());
}
