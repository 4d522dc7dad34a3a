use chrono::TimeZone;

use super::*;

fn monday() -> DateTime<Utc> {
    // Monday 23 November 2026, 10:00 in Dhaka.
    Utc.with_ymd_and_hms(2026, 11, 23, 4, 0, 0).unwrap()
}

fn forwarded() -> Clocks {
    Clocks::default()
        .after_move(
            State::Submitted,
            State::WithBusiness,
            Action::Forward,
            WaitingChange::Keep,
            monday(),
            &Calendar::default(),
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
    let (after, changes) = forwarded().after_move(
        State::WithBusiness,
        State::WithBusiness,
        Action::Acknowledge,
        WaitingChange::Keep,
        monday(),
        &Calendar::default(),
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
    let calendar = Calendar::default();
    let asked_at = monday() + Duration::hours(10);
    let (paused, changes) = forwarded().after_move(
        State::WithBusiness,
        State::WithBusiness,
        Action::RequestInfo,
        WaitingChange::Start,
        asked_at,
        &calendar,
    );
    assert!(
        changes
            .iter()
            .all(|(_, change)| *change == ClockChange::Paused)
    );
    assert_eq!(paused.next_due(), None);
    let answered_at = asked_at + Duration::hours(30);
    let (resumed, _) = paused.after_move(
        State::WithBusiness,
        State::WithBusiness,
        Action::ProvideInfo,
        WaitingChange::Stop,
        answered_at,
        &calendar,
    );
    assert_eq!(
        resumed.next_due(),
        Some(monday() + Duration::hours(72 + 30))
    );
}

#[test]
fn leaving_the_state_stops_its_clocks_and_starts_the_next() {
    let (awaiting, changes) = forwarded().after_move(
        State::WithBusiness,
        State::AwaitingConsumer,
        Action::ProposeResolution,
        WaitingChange::Stop,
        monday(),
        &Calendar::default(),
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
fn every_clock_names_its_source() {
    assert!(CLOCK_RULES.iter().all(|r| !r.source.is_empty()));
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
