use chrono::TimeZone;

use super::*;
use crate::calendar::Calendar;
use crate::complaint::routing::{DEFAULT_POLICY_JSON, RoutingPolicy};

fn policy() -> RoutingPolicy {
    serde_json::from_str(DEFAULT_POLICY_JSON).unwrap()
}

/// Moves `clocks` under the shipped policy, with no holidays.
fn moved(
    clocks: &Clocks,
    step: (State, State, Action),
    waiting: WaitingChange,
    at: DateTime<Utc>,
) -> (Clocks, Vec<(ClockKind, ClockChange)>) {
    let (calendar, policy) = (Calendar::default(), policy());
    let timing = Timing::new(&calendar, &policy);
    clocks.after_move(step, waiting, at, &timing)
}

fn monday() -> DateTime<Utc> {
    // Monday 23 November 2026, 10:00 in Dhaka.
    Utc.with_ymd_and_hms(2026, 11, 23, 4, 0, 0).unwrap()
}

fn forwarded() -> Clocks {
    moved(
        &Clocks::default(),
        (State::Submitted, State::WithBusiness, Action::Forward),
        WaitingChange::Keep,
        monday(),
    )
    .0
}

#[test]
fn forwarding_starts_the_business_clocks() {
    let clocks = forwarded();
    let kinds: Vec<ClockKind> = clocks.0.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![ClockKind::BusinessAction, ClockKind::BusinessResolution]
    );
    assert_eq!(clocks.next_due(), Some(monday() + Duration::hours(72)));
    assert!(!clocks.is_overdue(monday() + Duration::hours(71)));
    assert!(clocks.is_overdue(monday() + Duration::hours(72)));
}

#[test]
fn acknowledging_stops_the_action_clock_but_not_the_resolution_clock() {
    let (after, changes) = moved(
        &forwarded(),
        (
            State::WithBusiness,
            State::WithBusiness,
            Action::Acknowledge,
        ),
        WaitingChange::Keep,
        monday(),
    );
    assert_eq!(
        changes,
        vec![(ClockKind::BusinessAction, ClockChange::Stopped)]
    );
    // Ten working days from Monday 23 November, over two weekends: Monday 7 December.
    assert_eq!(
        after.next_due(),
        Some(Utc.with_ymd_and_hms(2026, 12, 7, 4, 0, 0).unwrap())
    );
}

#[test]
fn asking_the_consumer_pauses_and_the_answer_resumes_with_the_time_left() {
    let asked_at = monday() + Duration::hours(10);
    let (paused, changes) = moved(
        &forwarded(),
        (
            State::WithBusiness,
            State::WithBusiness,
            Action::RequestInfo,
        ),
        WaitingChange::Start,
        asked_at,
    );
    assert!(
        changes
            .iter()
            .all(|(_, change)| *change == ClockChange::Paused)
    );
    assert_eq!(paused.next_due(), None);
    let answered_at = asked_at + Duration::hours(30);
    let (resumed, _) = moved(
        &paused,
        (
            State::WithBusiness,
            State::WithBusiness,
            Action::ProvideInfo,
        ),
        WaitingChange::Stop,
        answered_at,
    );
    assert_eq!(
        resumed.next_due(),
        Some(monday() + Duration::hours(72 + 30))
    );
}

#[test]
fn leaving_the_state_stops_its_clocks_and_starts_the_next() {
    let (awaiting, changes) = moved(
        &forwarded(),
        (
            State::WithBusiness,
            State::AwaitingConsumer,
            Action::ProposeResolution,
        ),
        WaitingChange::Stop,
        monday(),
    );
    assert_eq!(
        changes,
        vec![
            (ClockKind::BusinessAction, ClockChange::Stopped),
            (ClockKind::BusinessResolution, ClockChange::Stopped),
            (ClockKind::ConsumerDecision, ClockChange::Started),
        ]
    );
    assert_eq!(awaiting.next_due(), Some(monday() + Duration::days(7)));
}

#[test]
fn every_clock_has_a_rule_and_the_shipped_policy_names_its_source() {
    let policy = policy();
    for &kind in ClockKind::ALL {
        assert!(
            rule(kind).is_some() != ON_THE_LEDGER.contains(&kind),
            "{kind:?}"
        );
        assert!(!policy.clocks[&kind].source.is_empty(), "{kind:?}");
    }
}

#[test]
fn the_first_clock_to_run_out_decides_what_is_due() {
    let clocks = forwarded();
    assert_eq!(clocks.due(monday() + Duration::hours(71)), None);
    assert_eq!(
        clocks.due(monday() + Duration::hours(72)),
        Some((ClockKind::BusinessAction, Breach::Escalate))
    );
    let acknowledged = clocks.without(ClockKind::BusinessAction);
    assert_eq!(acknowledged.due(monday() + Duration::hours(72)), None);
}

#[test]
fn a_clock_reminds_a_day_before_its_deadline_once() {
    let clocks = forwarded();
    let action_deadline = monday() + Duration::hours(72);
    assert_eq!(
        clocks.next_wake(),
        Some(action_deadline - Duration::hours(24))
    );
    assert!(
        clocks
            .approaching(action_deadline - Duration::hours(25))
            .is_empty()
    );
    let due: Vec<ClockKind> = clocks
        .approaching(action_deadline - Duration::hours(24))
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(due, vec![ClockKind::BusinessAction]);
    let reminded = clocks.reminded(&due);
    assert!(
        reminded
            .approaching(action_deadline - Duration::hours(1))
            .is_empty()
    );
    assert_eq!(reminded.next_wake(), Some(action_deadline));
}

#[test]
fn closing_a_resolved_case_opens_the_reopen_window() {
    let (closed, changes) = moved(
        &Clocks::default(),
        (State::Resolved, State::Closed, Action::Close),
        WaitingChange::Keep,
        monday(),
    );
    assert_eq!(
        changes,
        vec![(ClockKind::ReopenWindow, ClockChange::Started)]
    );
    assert_eq!(
        closed.deadline_of(ClockKind::ReopenWindow),
        Some(monday() + Duration::days(30))
    );
    assert_eq!(
        closed.due(monday() + Duration::days(30)),
        Some((ClockKind::ReopenWindow, Breach::Expire))
    );
}

#[test]
fn a_counter_proposal_gives_the_consumer_their_full_time_again() {
    let to_consumer = (
        State::WithBusiness,
        State::AwaitingConsumer,
        Action::ProposeResolution,
    );
    let (awaiting, _) = moved(&forwarded(), to_consumer, WaitingChange::Stop, monday());
    let later = monday() + Duration::days(3);
    let again = (
        State::AwaitingConsumer,
        State::AwaitingConsumer,
        Action::ProposeResolution,
    );
    let (countered, changes) = moved(&awaiting, again, WaitingChange::Stop, later);
    assert_eq!(
        changes,
        vec![
            (ClockKind::ConsumerDecision, ClockChange::Stopped),
            (ClockKind::ConsumerDecision, ClockChange::Started),
        ]
    );
    assert_eq!(countered.next_due(), Some(later + Duration::days(7)));
}

#[test]
fn an_agreed_remedy_runs_no_clock_on_the_case_its_obligations_carry_their_own() {
    let accepted = (State::AwaitingConsumer, State::Resolved, Action::Accept);
    let (resolved, _) = moved(&Clocks::default(), accepted, WaitingChange::Stop, monday());
    assert_eq!(resolved.next_due(), None);
}

proptest::proptest! {
    /// A pause costs a clock exactly the working time it lasted: the deadline moves by that
    /// much working time (working-day clocks) or by the pause itself (hour clocks).
    #[test]
    fn a_pause_moves_the_deadline_by_exactly_the_working_time_it_lasted(
        asked_after_min in 0i64..(9 * 24 * 60), pause_min in 0i64..(20 * 24 * 60),
    ) {
        let calendar = Calendar::new([chrono::NaiveDate::from_ymd_opt(2026, 12, 16).unwrap()]);
        let policy = policy();
        let timing = Timing::new(&calendar, &policy);
        let asked = monday() + Duration::minutes(asked_after_min);
        let answered = asked + Duration::minutes(pause_min);
        let step = |from, action| (from, from, action);
        let (paused, _) = forwarded().after_move(step(State::WithBusiness, Action::RequestInfo), WaitingChange::Start, asked, &timing);
        let (resumed, _) = paused.after_move(step(State::WithBusiness, Action::ProvideInfo), WaitingChange::Stop, answered, &timing);
        let before = forwarded();
        let resolution = |c: &Clocks| c.deadline_of(ClockKind::BusinessResolution).unwrap();
        let action = |c: &Clocks| c.deadline_of(ClockKind::BusinessAction).unwrap();
        if asked < resolution(&before) {
            proptest::prop_assert_eq!(
                calendar.working_time(resolution(&before), resolution(&resumed)),
                calendar.working_time(asked, answered)
            );
        }
        if asked < action(&before) {
            proptest::prop_assert_eq!(action(&resumed) - action(&before), answered - asked);
        }
    }
}

#[test]
fn a_decision_opens_an_appeal_window_that_outlives_the_closing() {
    let (decided, _) = moved(
        &Clocks::default(),
        (State::UnderInvestigation, State::Decided, Action::Decide),
        WaitingChange::Stop,
        monday(),
    );
    let (closed, changes) = moved(
        &decided,
        (State::Decided, State::Closed, Action::Close),
        WaitingChange::Keep,
        monday() + Duration::days(1),
    );
    assert!(changes.contains(&(ClockKind::ReopenWindow, ClockChange::Started)));
    assert_eq!(
        closed.deadline_of(ClockKind::AppealWindow),
        Some(monday() + Duration::days(60))
    );
    // The reopen window (30 days from closing) expires first; the appeal window at 60 days.
    assert_eq!(
        closed
            .without(ClockKind::ReopenWindow)
            .due(monday() + Duration::days(60)),
        Some((ClockKind::AppealWindow, Breach::Expire))
    );
}
