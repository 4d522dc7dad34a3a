use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

fn shipped() -> Calendar {
    let file: HolidayFile = serde_json::from_str(HOLIDAYS_JSON).unwrap();
    Calendar::from_file(&file)
}

/// 10:00 in Dhaka on the given date.
fn dhaka_ten(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 4, 0, 0).unwrap()
}

#[test]
fn friday_and_saturday_are_the_weekend_and_holidays_are_off() {
    let calendar = shipped();
    assert!(!calendar.is_working_day(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap())); // Friday
    assert!(!calendar.is_working_day(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())); // Saturday
    assert!(calendar.is_working_day(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap())); // Sunday
    assert!(!calendar.is_working_day(NaiveDate::from_ymd_opt(2026, 12, 16).unwrap())); // Victory Day
}

#[test]
fn working_days_skip_a_weekend_and_a_holiday() {
    // Monday 14 December 2026, 10:00: 3 working days are Tue 15, (Wed 16 Victory Day), Thu 17,
    // (Fri 18, Sat 19), Sun 20.
    let deadline = shipped().deadline(dhaka_ten(2026, 12, 14), Length::WorkingDays(3));
    assert_eq!(deadline, dhaka_ten(2026, 12, 20));
}

#[test]
fn hours_are_calendar_hours() {
    let start = dhaka_ten(2026, 11, 26);
    assert_eq!(
        shipped().deadline(start, Length::Hours(72)),
        start + Duration::hours(72)
    );
}

proptest! {
    #[test]
    fn a_working_day_deadline_never_lands_on_a_weekend_or_holiday(
        day in 0i64..730, minute in 0i64..1440, days in 1u32..30,
    ) {
        let calendar = shipped();
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(day) + Duration::minutes(minute);
        let deadline = calendar.deadline(start, Length::WorkingDays(days));
        prop_assert!(calendar.is_working_day(Calendar::dhaka_date(deadline)));
        prop_assert!(deadline > start);
    }

    #[test]
    fn a_later_start_never_gives_an_earlier_deadline(
        day in 0i64..700, gap in 0i64..5000, days in 1u32..20,
    ) {
        let calendar = shipped();
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(day);
        let later = start + Duration::minutes(gap);
        prop_assert!(calendar.deadline(later, Length::WorkingDays(days)) >= calendar.deadline(start, Length::WorkingDays(days)));
        prop_assert!(calendar.deadline(start, Length::WorkingDays(days + 1)) > calendar.deadline(start, Length::WorkingDays(days)));
    }
}

#[test]
fn a_clock_started_on_a_day_off_starts_with_the_next_working_day() {
    // Friday 13 February 2026, 00:00 in Dhaka: the first working day is Sunday 15, so one
    // working day ends at Monday 16 00:00, after the Thursday 06:00 start's Sunday 06:00.
    let friday = Utc.with_ymd_and_hms(2026, 2, 12, 18, 0, 0).unwrap();
    let thursday = Utc.with_ymd_and_hms(2026, 2, 12, 0, 0, 0).unwrap();
    assert_eq!(
        shipped().deadline(friday, Length::WorkingDays(1)),
        Utc.with_ymd_and_hms(2026, 2, 15, 18, 0, 0).unwrap()
    );
    assert!(
        shipped().deadline(friday, Length::WorkingDays(1))
            > shipped().deadline(thursday, Length::WorkingDays(1))
    );
}
