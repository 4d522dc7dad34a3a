//! Every state × action × side, checked against the expected list of allowed moves.

use chrono::{Duration, TimeZone};

use super::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 6, 0, 0).unwrap()
}

fn case(state: State) -> CaseFacts {
    CaseFacts {
        state,
        waiting_on_consumer: false,
        outcome: None,
        reopen_until: None,
        info_requests_left: 2,
        remedy_failing: false,
    }
}

/// The moves each side may make in each state (not waiting on the consumer, nothing closed).
fn expected(state: State, side: Side) -> Vec<Action> {
    use Action as A;
    let mut moves = match (state, side) {
        (Submitted, System) => vec![A::Forward, A::Escalate, A::Close],
        (Submitted, Coordinator) => vec![A::Close, A::Merge],
        (WithBusiness, Business) => vec![A::Acknowledge, A::RequestInfo, A::ProposeResolution],
        (WithBusiness, System) => vec![A::Escalate],
        (WithBusiness, Coordinator) => vec![A::Escalate, A::Merge],
        (AwaitingConsumer, Coordinator) => vec![A::Merge],
        (AwaitingConsumer, Consumer) => vec![A::Accept, A::Reject],
        (AwaitingConsumer, System) => vec![A::Close],
        (AwaitingConsumer, Business) => vec![A::ProposeResolution],
        (Escalated, System) => vec![A::Assign],
        (Escalated, Coordinator) => vec![A::Assign, A::Merge],
        (UnderInvestigation, Authority) => vec![A::RequestInfo, A::ScheduleHearing, A::Decide],
        (UnderInvestigation, Coordinator) => vec![A::Assign, A::ScheduleHearing, A::Merge],
        (HearingScheduled, Coordinator) => {
            vec![A::Assign, A::ScheduleHearing, A::CancelHearing, A::Merge]
        }
        (HearingScheduled, Authority) => vec![A::ScheduleHearing, A::CancelHearing, A::Decide],
        (Resolved, System) => vec![A::Close],
        (Resolved, Coordinator) => vec![A::Close, A::Merge],
        (Decided, Authority | Coordinator | System) => vec![A::Close],
        _ => vec![],
    };
    if side == Consumer && BEFORE_DECISION.contains(&state) {
        moves.push(A::Withdraw);
    }
    moves.sort_by_key(|a| Action::ALL.iter().position(|b| b == a));
    moves
}

#[test]
fn every_state_action_and_side_matches_the_lifecycle() {
    for state in State::ALL {
        for side in Side::ALL {
            let facts = case(state);
            assert_eq!(
                allowed_actions(&facts, side, now()),
                expected(state, side),
                "{state:?} by {side:?}"
            );
            for &action in Action::ALL {
                let allowed = expected(state, side).contains(&action);
                assert_eq!(
                    attempt(&facts, action, side, now()).is_ok(),
                    allowed,
                    "{state:?} {action:?} by {side:?}"
                );
            }
        }
    }
}

#[test]
fn a_wrong_move_lists_the_allowed_ones() {
    let wrong = attempt(&case(AwaitingConsumer), Action::Decide, Consumer, now()).unwrap_err();
    assert_eq!(
        wrong.allowed,
        vec![Action::Accept, Action::Reject, Action::Withdraw]
    );
}

#[test]
fn asking_the_consumer_pauses_until_the_consumer_answers() {
    let asked = attempt(&case(WithBusiness), Action::RequestInfo, Business, now()).unwrap();
    assert_eq!(asked.waiting, WaitingChange::Start);
    let waiting = CaseFacts {
        waiting_on_consumer: true,
        ..case(WithBusiness)
    };
    assert_eq!(
        allowed_actions(&waiting, Business, now()),
        Vec::<Action>::new()
    );
    assert_eq!(
        allowed_actions(&waiting, Consumer, now()),
        vec![Action::ProvideInfo, Action::Withdraw]
    );
    let answered = attempt(&waiting, Action::ProvideInfo, Consumer, now()).unwrap();
    assert_eq!(
        (answered.to, answered.waiting),
        (WithBusiness, WaitingChange::Stop)
    );
    let investigating = CaseFacts {
        waiting_on_consumer: true,
        ..case(UnderInvestigation)
    };
    assert!(attempt(&investigating, Action::ProvideInfo, Consumer, now()).is_ok());
    assert!(attempt(&investigating, Action::RequestInfo, Authority, now()).is_err());
}

#[test]
fn accepting_resolves_and_rejecting_refers_to_the_directorate() {
    let accepted = attempt(&case(AwaitingConsumer), Action::Accept, Consumer, now()).unwrap();
    assert_eq!(
        (accepted.to, accepted.outcome),
        (Resolved, OutcomeChange::Keep)
    );
    let delivered = attempt(&case(Resolved), Action::Close, System, now()).unwrap();
    assert_eq!(
        (delivered.to, delivered.outcome),
        (Closed, OutcomeChange::Set(Outcome::ResolvedByBusiness))
    );
    assert_eq!(
        attempt(&case(AwaitingConsumer), Action::Reject, Consumer, now())
            .unwrap()
            .to,
        Escalated
    );
    let silent = attempt(&case(AwaitingConsumer), Action::Close, System, now()).unwrap();
    assert_eq!(
        (silent.to, silent.outcome),
        (Closed, OutcomeChange::Set(Outcome::NoConsumerResponse))
    );
}

#[test]
fn a_decision_sets_the_outcome_and_withdrawal_ends_before_it() {
    let decided = attempt(&case(HearingScheduled), Action::Decide, Authority, now()).unwrap();
    assert_eq!(
        (decided.to, decided.outcome),
        (Decided, OutcomeChange::FromDecision)
    );
    assert!(attempt(&case(Decided), Action::Withdraw, Consumer, now()).is_err());
    let withdrawn = attempt(&case(Escalated), Action::Withdraw, Consumer, now()).unwrap();
    assert_eq!(
        (withdrawn.to, withdrawn.outcome),
        (Withdrawn, OutcomeChange::Set(Outcome::Withdrawn))
    );
}

#[test]
fn reopening_needs_a_business_resolution_whose_reopen_window_still_runs() {
    let closed = CaseFacts {
        state: Closed,
        waiting_on_consumer: false,
        outcome: Some(Outcome::ResolvedByBusiness),
        reopen_until: Some(now() + Duration::days(1)),
        info_requests_left: 0,
        remedy_failing: false,
    };
    let reopened = attempt(&closed, Action::Reopen, Consumer, now()).unwrap();
    // A reopened case has no outcome until it closes again.
    assert_eq!(
        (reopened.to, reopened.outcome),
        (Escalated, OutcomeChange::Clear)
    );
    let too_late = CaseFacts {
        reopen_until: Some(now()),
        ..closed
    };
    assert!(attempt(&too_late, Action::Reopen, Consumer, now()).is_err());
    let decided = CaseFacts {
        outcome: Some(Outcome::DecidedDismissed),
        ..closed
    };
    assert!(attempt(&decided, Action::Reopen, Consumer, now()).is_err());
    assert!(attempt(&closed, Action::Reopen, Business, now()).is_err());
}

#[test]
fn finished_cases_allow_nothing_but_a_reopen() {
    for state in [Withdrawn, Rejected] {
        for side in Side::ALL {
            assert!(
                allowed_actions(&case(state), side, now()).is_empty(),
                "{state:?} {side:?}"
            );
        }
    }
}

#[test]
fn a_business_that_used_up_its_information_requests_cannot_pause_the_clocks_again() {
    let last = CaseFacts {
        info_requests_left: 1,
        remedy_failing: false,
        ..case(WithBusiness)
    };
    assert!(attempt(&last, Action::RequestInfo, Business, now()).is_ok());
    let used_up = CaseFacts {
        info_requests_left: 0,
        remedy_failing: false,
        ..case(WithBusiness)
    };
    let refused = attempt(&used_up, Action::RequestInfo, Business, now()).unwrap_err();
    assert_eq!(
        refused.allowed,
        vec![Action::Acknowledge, Action::ProposeResolution]
    );
}

#[test]
fn a_failing_remedy_lets_the_consumer_reopen_to_the_directorate_with_no_outcome() {
    for state in [Resolved, Decided, Closed] {
        assert!(attempt(&case(state), Action::Reopen, Consumer, now()).is_err());
        let failing = CaseFacts {
            remedy_failing: true,
            ..case(state)
        };
        let reopened = attempt(&failing, Action::Reopen, Consumer, now()).unwrap();
        assert_eq!(
            (reopened.to, reopened.outcome),
            (Escalated, OutcomeChange::Clear)
        );
        assert!(attempt(&failing, Action::Reopen, Business, now()).is_err());
    }
    let before = CaseFacts {
        remedy_failing: true,
        ..case(UnderInvestigation)
    };
    assert!(attempt(&before, Action::Reopen, Consumer, now()).is_err());
}
