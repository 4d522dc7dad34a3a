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
    // Friday 6 November 2026, 00:00 in Dhaka: the first working day is Sunday 8, so one
    // working day ends at Monday 9 00:00, after the Thursday 06:00 start's Sunday 06:00.
    let friday = Utc.with_ymd_and_hms(2026, 11, 5, 18, 0, 0).unwrap();
    let thursday = Utc.with_ymd_and_hms(2026, 11, 5, 0, 0, 0).unwrap();
    assert_eq!(
        shipped().deadline(friday, Length::WorkingDays(1)),
        Utc.with_ymd_and_hms(2026, 11, 8, 18, 0, 0).unwrap()
    );
    assert!(
        shipped().deadline(friday, Length::WorkingDays(1))
            > shipped().deadline(thursday, Length::WorkingDays(1))
    );
}

#[test]
fn the_eid_ul_fitr_holidays_of_2026_are_skipped_whole() {
    // Wednesday 18 March 2026, 10:00 in Dhaka; 19 to 23 March are Eid-ul-Fitr holidays (with a
    // weekend inside), so the next working day is Tuesday 24 March.
    let wednesday = Utc.with_ymd_and_hms(2026, 3, 18, 4, 0, 0).unwrap();
    assert_eq!(
        shipped().deadline(wednesday, Length::WorkingDays(1)),
        Utc.with_ymd_and_hms(2026, 3, 24, 4, 0, 0).unwrap()
    );
}

proptest! {
    #[test]
    fn working_time_added_then_measured_comes_back_the_same(
        day in 0i64..700, minute in 0i64..1440, amount_min in 0i64..(30 * 24 * 60),
    ) {
        let calendar = shipped();
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(day) + Duration::minutes(minute);
        let end = calendar.after_working_time(start, Duration::minutes(amount_min));
        prop_assert_eq!(calendar.working_time(start, end), Duration::minutes(amount_min));
        prop_assert!(end >= start);
    }
}

#[test]
fn a_weekend_and_a_holiday_hold_no_working_time() {
    let calendar = shipped();
    // Thursday 17 December 2026 18:00 Dhaka to Sunday 20 December 00:00: Friday and Saturday off.
    let thursday_evening = Utc.with_ymd_and_hms(2026, 12, 17, 12, 0, 0).unwrap();
    let sunday = Utc.with_ymd_and_hms(2026, 12, 19, 18, 0, 0).unwrap();
    assert_eq!(
        calendar.working_time(thursday_evening, sunday),
        Duration::hours(6)
    );
    // Victory Day, Wednesday 16 December, is a holiday.
    let tuesday_noon = Utc.with_ymd_and_hms(2026, 12, 15, 6, 0, 0).unwrap();
    let thursday_noon = tuesday_noon + Duration::days(2);
    assert_eq!(
        calendar.working_time(tuesday_noon, thursday_noon),
        Duration::hours(24)
    );
}

fn holiday(date: &str, name: &str) -> Holiday {
    Holiday {
        date: date.parse().unwrap(),
        name_en: name.into(),
        name_bn: "ছুটি".into(),
        kind: HolidayKind::General,
        expected: false,
    }
}

#[test]
fn a_drafted_calendar_is_put_in_date_order_and_its_holidays_are_off() {
    let draft = vec![
        holiday("2027-03-21", "Eid-ul-Fitr"),
        holiday("2027-02-21", "Language Martyrs' Day"),
    ];
    let published = HolidayCalendar::drafted(2, "2027 notified".into(), draft).unwrap();
    assert_eq!(published.holidays[0].name_en, "Language Martyrs' Day");
    let calendar = Calendar::of(&published);
    assert!(!calendar.is_working_day(NaiveDate::from_ymd_opt(2027, 3, 21).unwrap()));
    assert!(calendar.is_working_day(NaiveDate::from_ymd_opt(2027, 3, 22).unwrap()));
}

#[test]
fn a_draft_with_a_repeated_date_a_far_year_or_a_missing_name_is_refused_at_its_row() {
    let two_on_one_day = vec![
        holiday("2027-05-01", "May Day"),
        holiday("2027-05-01", "Buddha"),
    ];
    assert!(HolidayCalendar::drafted(2, String::new(), two_on_one_day).is_ok());
    let repeated = vec![holiday("2027-02-21", "a"), holiday("2027-02-21", "a")];
    let problem = HolidayCalendar::drafted(2, String::new(), repeated).unwrap_err();
    assert_eq!(problem.field(), ("holidays[1].date".into(), "duplicate"));
    let far = vec![holiday("2101-01-01", "a")];
    let problem = HolidayCalendar::drafted(2, String::new(), far).unwrap_err();
    assert_eq!(problem.field(), ("holidays[0].date".into(), "range"));
    let nameless = vec![holiday("2027-02-21", " ")];
    let problem = HolidayCalendar::drafted(2, String::new(), nameless).unwrap_err();
    assert_eq!(problem.field(), ("holidays[0].name_en".into(), "length"));
    let many = (0..=MAX_HOLIDAYS as i64)
        .map(|i| {
            let date = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap() + Duration::days(i);
            holiday(&date.to_string(), "a")
        })
        .collect();
    assert!(HolidayCalendar::drafted(2, String::new(), many).is_err());
}

#[test]
fn the_shipped_file_becomes_one_list_in_date_order() {
    let file: HolidayFile = serde_json::from_str(HOLIDAYS_JSON).unwrap();
    let first = HolidayCalendar::from_file(1, &file);
    assert_eq!(first.holidays.len(), 56);
    assert!(first.holidays.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(Calendar::of(&first), shipped());
}
