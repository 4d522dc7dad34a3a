use chrono::TimeZone;

use super::*;
use crate::fixtures;

fn closed(outcome: Outcome) -> Complaint {
    Complaint {
        state: State::Closed,
        outcome: Some(outcome),
        closed_at: Some(Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap()),
        ..fixtures::case_in(State::Closed)
    }
}

#[test]
fn a_consumer_who_judged_it_unresolved_or_rated_it_low_may_ask_within_the_window() {
    let policy = ReviewPolicy::default();
    let case = closed(Outcome::ResolvedByBusiness);
    let soon = Utc.with_ymd_and_hms(2026, 12, 5, 6, 0, 0).unwrap();
    assert_eq!(
        may_ask(&case, Some((Some(false), 4)), &policy, soon),
        Ok(())
    );
    assert_eq!(may_ask(&case, Some((Some(true), 2)), &policy, soon), Ok(()));
    assert_eq!(
        may_ask(&case, Some((Some(true), 3)), &policy, soon),
        Err(NoReview::NoGround)
    );
    assert_eq!(may_ask(&case, None, &policy, soon), Err(NoReview::NoGround));
    let late = case.closed_at.unwrap() + Duration::days(30);
    assert_eq!(
        may_ask(&case, Some((Some(false), 1)), &policy, late),
        Err(NoReview::TooLate)
    );
    let withdrawn = closed(Outcome::Withdrawn);
    assert_eq!(
        may_ask(&withdrawn, Some((Some(false), 1)), &policy, soon),
        Err(NoReview::NotReviewable)
    );
}

#[test]
fn the_reviewer_is_never_the_officer_who_decided() {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
    let load = |officer, open_cases| OfficerLoad {
        officer,
        office: None,
        open_cases,
        since: at,
    };
    let loads = [load(a, 0), load(b, 5)];
    assert_eq!(reviewer(&loads, None), Some(a));
    assert_eq!(reviewer(&loads, Some(a)), Some(b));
    assert_eq!(reviewer(&[load(a, 0)], Some(a)), None);
}
