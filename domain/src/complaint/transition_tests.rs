//! What each kind of move does to the stored case besides its state.

use chrono::{Duration, TimeZone};

use super::*;
use crate::calendar::Calendar;
use crate::complaint::Decision;
use crate::complaint::routing::{DEFAULT_POLICY_JSON, RoutingPolicy};
use crate::fixtures::case_in;

fn policy() -> RoutingPolicy {
    serde_json::from_str(DEFAULT_POLICY_JSON).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 4, 0, 0).unwrap()
}

fn moved(case: &Complaint, action: Action, side: Side, details: &MoveDetails) -> Transition {
    let (calendar, policy) = (Calendar::default(), policy());
    transition(
        case,
        (action, side),
        details,
        now(),
        &Timing::new(&calendar, &policy),
    )
    .unwrap()
}

#[test]
fn the_business_first_answer_is_kept_and_the_version_moves_on() {
    let case = case_in(State::WithBusiness);
    let acknowledged = moved(
        &case,
        Action::Acknowledge,
        Side::Business,
        &MoveDetails::default(),
    );
    assert_eq!(acknowledged.after.first_response_at, Some(now()));
    assert_eq!(acknowledged.after.version, 4);
    assert!(!acknowledged.first_escalation);
    let mut later = acknowledged.after.clone();
    later.first_response_at = Some(now() - Duration::hours(5));
    let asked = moved(
        &later,
        Action::RequestInfo,
        Side::Business,
        &MoveDetails::default(),
    );
    assert_eq!(
        asked.after.first_response_at,
        Some(now() - Duration::hours(5))
    );
    assert_eq!(asked.after.info_requests, 1);
    assert!(asked.after.waiting_on_consumer);
}

#[test]
fn the_first_escalation_is_marked_once_and_a_later_one_keeps_its_time() {
    let case = case_in(State::WithBusiness);
    let escalated = moved(
        &case,
        Action::Escalate,
        Side::System,
        &MoveDetails::default(),
    );
    assert_eq!(escalated.after.escalated_at, Some(now()));
    assert!(escalated.first_escalation);

    let mut again = case_in(State::WithBusiness);
    again.escalated_at = Some(now() - Duration::days(40));
    let escalated = moved(
        &again,
        Action::Escalate,
        Side::System,
        &MoveDetails::default(),
    );
    assert_eq!(
        escalated.after.escalated_at,
        Some(now() - Duration::days(40))
    );
    assert!(!escalated.first_escalation);
}

#[test]
fn assigning_names_the_officer_and_closing_keeps_when_it_closed() {
    let officer = Uuid::from_u128(7);
    let details = MoveDetails {
        officer_id: Some(officer),
        ..MoveDetails::default()
    };
    let assigned = moved(
        &case_in(State::Escalated),
        Action::Assign,
        Side::Coordinator,
        &details,
    );
    assert_eq!(assigned.after.assigned_officer, Some(officer));
    assert_eq!(assigned.after.closed_at, None);

    let closed = moved(
        &case_in(State::Submitted),
        Action::Close,
        Side::Coordinator,
        &MoveDetails::default(),
    );
    assert_eq!(closed.after.closed_at, Some(now()));
}

#[test]
fn a_decision_needs_its_verdict_and_a_refused_move_lists_what_is_allowed() {
    let (calendar, policy) = (Calendar::default(), policy());
    let timing = Timing::new(&calendar, &policy);
    let case = case_in(State::HearingScheduled);
    let bare = transition(
        &case,
        (Action::Decide, Side::Authority),
        &MoveDetails::default(),
        now(),
        &timing,
    );
    assert_eq!(bare.unwrap_err(), MoveRefused::DecisionRequired);
    let details = MoveDetails {
        decision: Some(Decision::Dismissed),
        ..MoveDetails::default()
    };
    let decided = moved(&case, Action::Decide, Side::Authority, &details);
    assert_eq!(decided.after.outcome, Some(Decision::Dismissed.outcome()));

    let refused = transition(
        &case_in(State::WithBusiness),
        (Action::Accept, Side::Consumer),
        &MoveDetails::default(),
        now(),
        &timing,
    );
    let Err(MoveRefused::NotAllowed { allowed }) = refused else {
        panic!("accepting with nothing proposed must be refused: {refused:?}");
    };
    assert!(!allowed.is_empty() && !allowed.contains(&Action::Accept));
}
