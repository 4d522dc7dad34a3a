use chrono::{Duration, TimeZone};

use super::*;
use crate::complaint::clocks::{ClockKind, RunningClock};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 6, 0, 0).unwrap()
}

fn case(days_old: i64, officer: Option<Uuid>, due_in_hours: i64) -> OpenCase {
    let clock = RunningClock {
        kind: ClockKind::BusinessAction,
        started_at: now() - Duration::days(days_old),
        deadline: Some(now() + Duration::hours(due_in_hours)),
        remaining_secs: None,
        remind_at: None,
    };
    OpenCase {
        state: State::Escalated,
        filed_at: now() - Duration::days(days_old),
        business_id: Uuid::nil(),
        officer,
        clocks: Clocks(vec![clock]),
    }
}

#[test]
fn cases_are_counted_by_age_officer_office_and_clock_with_the_overdue_apart() {
    let officer = Uuid::from_u128(7);
    let mut triage = Triage::default();
    triage.add_case(&case(1, Some(officer), 5), now(), |_| Some("Dhaka".into()));
    triage.add_case(&case(2, Some(officer), -1), now(), |_| Some("Dhaka".into()));
    triage.add_case(&case(40, None, 5), now(), |_| None);
    let rows = triage.rows();
    let find = |section: &str, key: &str, detail: &str| {
        rows.iter()
            .find(|r| r.section == section && r.key == key && r.detail == detail)
            .cloned()
    };
    assert_eq!(
        find("open_by_age", "escalated", "0-3 days").map(|r| r.count),
        Some(2)
    );
    assert_eq!(
        find("open_by_age", "escalated", "31-90 days").map(|r| r.count),
        Some(1)
    );
    let mine = find("by_officer", &officer.to_string(), "").unwrap();
    assert_eq!((mine.count, mine.overdue), (2, Some(1)));
    assert_eq!(
        find("by_office", "Dhaka", "").map(|r| r.overdue),
        Some(Some(1))
    );
    let waiting = find("by_business", &Uuid::nil().to_string(), "business_action").unwrap();
    assert_eq!(waiting.count, 3);
}

#[test]
fn referrals_are_counted_by_agency_step_and_age() {
    let mut triage = Triage::default();
    let sent = |days| OpenReferral {
        agency_code: "BB".into(),
        status: "sent".into(),
        sent_at: now() - Duration::days(days),
    };
    triage.add_referral(&sent(1), now());
    triage.add_referral(&sent(10), now());
    let rows: Vec<_> = triage
        .rows()
        .into_iter()
        .filter(|r| r.section == "referrals")
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].detail, "sent 0-3 days");
}
