use chrono::{Duration, TimeZone};

use super::*;

fn officer(n: u128, office: Option<&str>, open_cases: i64) -> OfficerLoad {
    OfficerLoad {
        officer: Uuid::from_u128(n),
        office: office.map(|o| Office::parse(o).unwrap()),
        open_cases,
        since: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(n as i64),
    }
}

#[test]
fn the_case_goes_to_the_office_with_the_fewest_open_cases_not_the_idlest_officer() {
    // Dhaka: 3 + 3 = 6 open; Khulna: 5 open. The idlest officer (3) is in Dhaka, but
    // Khulna's office carries less, so its officer gets the case.
    let loads = [
        officer(1, Some("Dhaka District Office"), 3),
        officer(2, Some("Dhaka District Office"), 3),
        officer(3, Some("Khulna District Office"), 5),
    ];
    assert_eq!(assignee(&loads), Some(Uuid::from_u128(3)));
}

#[test]
fn within_the_office_the_officer_with_the_fewest_gets_it_ties_to_the_longest_standing() {
    let loads = [
        officer(1, Some("Dhaka District Office"), 2),
        officer(2, Some("Dhaka District Office"), 1),
        officer(3, Some("Dhaka District Office"), 1),
    ];
    assert_eq!(assignee(&loads), Some(Uuid::from_u128(2)));
}

#[test]
fn officers_without_an_office_count_together_as_the_head_office() {
    // Head office: 1 + 1 = 2; Sylhet: 3. Ties between offices go to the head office.
    let loads = [
        officer(1, None, 1),
        officer(2, Some("Sylhet District Office"), 3),
        officer(3, None, 1),
    ];
    assert_eq!(assignee(&loads), Some(Uuid::from_u128(1)));
    let even = [
        officer(1, None, 2),
        officer(2, Some("Sylhet District Office"), 2),
    ];
    assert_eq!(assignee(&even), Some(Uuid::from_u128(1)));
}

#[test]
fn an_agency_without_officers_has_no_assignee() {
    assert_eq!(assignee(&[]), None);
}

#[test]
fn an_officer_works_open_cases_only_while_they_need_one() {
    assert!(NEEDS_OFFICER.contains(&State::Decided));
    assert!(!NEEDS_OFFICER.contains(&State::WithBusiness));
    assert!(!NEEDS_OFFICER.contains(&State::Closed));
}
