use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;

use super::decision::{self, BadDecision};
use super::hearing::{BadHearingTime, check_time};
use super::ledger::{self, LedgerStep, ObligationKind, ObligationStatus, Party};
use super::referral::{self, ReferralStatus, ReferralStep};
use crate::complaint::{Decision, Poisha};

fn poisha(value: i64) -> Poisha {
    Poisha::new(value).unwrap()
}

#[test]
fn a_hearing_needs_the_notice_period_and_a_future_time() {
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 6, 0, 0).unwrap();
    let notice = Duration::hours(72);
    assert_eq!(
        check_time(now - Duration::hours(1), now, notice),
        Err(BadHearingTime::InThePast)
    );
    assert_eq!(
        check_time(now + Duration::hours(71), now, notice),
        Err(BadHearingTime::TooSoon)
    );
    assert_eq!(check_time(now + Duration::hours(72), now, notice), Ok(()));
}

#[test]
fn only_an_upheld_complaint_carries_a_fine_within_the_maximum() {
    let max = poisha(30_000_000);
    assert_eq!(
        decision::check(Decision::Upheld, poisha(30_000_000), poisha(5), max),
        Ok(())
    );
    assert_eq!(
        decision::check(Decision::Upheld, poisha(30_000_001), poisha(0), max),
        Err(BadDecision::FineAboveMaximum)
    );
    assert_eq!(
        decision::check(Decision::Dismissed, poisha(1), poisha(0), max),
        Err(BadDecision::AmountsWithoutUpholding)
    );
}

#[test]
fn the_payer_pays_and_the_receiver_confirms() {
    use ObligationStatus::*;
    let fine = ObligationKind::Fine;
    assert_eq!(
        ledger::step(fine, Owed, LedgerStep::Pay, Party::Business),
        Some(Paid)
    );
    assert_eq!(
        ledger::step(fine, Owed, LedgerStep::Pay, Party::State),
        None
    );
    assert_eq!(
        ledger::step(fine, Overdue, LedgerStep::Pay, Party::Business),
        Some(Paid)
    );
    assert_eq!(
        ledger::step(fine, Paid, LedgerStep::Confirm, Party::State),
        Some(Confirmed)
    );
    assert_eq!(
        ledger::step(fine, Owed, LedgerStep::Confirm, Party::State),
        None
    );
    let share = ObligationKind::ComplainantShare;
    assert_eq!(
        ledger::step(share, Owed, LedgerStep::Pay, Party::State),
        Some(Paid)
    );
    assert_eq!(
        ledger::step(share, Paid, LedgerStep::Confirm, Party::Consumer),
        Some(Confirmed)
    );
    assert_eq!(
        ledger::step(share, Paid, LedgerStep::Confirm, Party::Business),
        None
    );
}

/// The law's share, as the shipped policy sets it.
#[test]
fn an_obligation_still_owed_when_its_due_time_comes_is_overdue_and_a_paid_one_never() {
    let due = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
    let owed = ObligationStatus::Owed;
    assert!(!ledger::falls_overdue(
        owed,
        due,
        due - Duration::seconds(1)
    ));
    assert!(ledger::falls_overdue(owed, due, due));
    for status in [
        ObligationStatus::Paid,
        ObligationStatus::Confirmed,
        ObligationStatus::Overdue,
    ] {
        assert!(!ledger::falls_overdue(
            status,
            due,
            due + Duration::days(30)
        ));
    }
}

fn quarter() -> ledger::ComplainantShare {
    ledger::ComplainantShare::default()
}

#[test]
fn a_published_share_applies_rounded_down_whole_or_in_part() {
    let half = ledger::ComplainantShare {
        percent: 50,
        source: "test".into(),
    };
    assert_eq!(
        ledger::complainant_share(poisha(10_003), &half).value(),
        5_001
    );
    let all = ledger::ComplainantShare {
        percent: 100,
        source: "test".into(),
    };
    assert_eq!(
        ledger::complainant_share(poisha(10_003), &all).value(),
        10_003
    );
}

#[test]
fn the_complainant_share_is_a_quarter_rounded_down() {
    assert_eq!(
        ledger::complainant_share(poisha(10_000_000), &quarter()).value(),
        2_500_000
    );
    assert_eq!(
        ledger::complainant_share(poisha(10_003), &quarter()).value(),
        2_500
    );
    assert_eq!(ledger::complainant_share(poisha(3), &quarter()).value(), 0);
}

proptest! {
    #[test]
    fn the_share_never_exceeds_a_quarter_and_misses_it_by_under_one_poisha(fine in 0i64..10_000_000_000) {
        let share = ledger::complainant_share(poisha(fine), &quarter()).value();
        prop_assert!(share * 4 <= fine);
        prop_assert!(fine - share * 4 < 4);
    }
}

#[test]
fn a_referral_goes_sent_acknowledged_accepted_concluded_or_declined() {
    use ReferralStatus::*;
    assert_eq!(
        referral::step(Sent, ReferralStep::Acknowledge),
        Some(Acknowledged)
    );
    assert_eq!(referral::step(Sent, ReferralStep::Accept), None);
    assert_eq!(
        referral::step(Acknowledged, ReferralStep::Decline),
        Some(Declined)
    );
    assert_eq!(
        referral::step(Accepted, ReferralStep::Conclude),
        Some(Concluded)
    );
    assert_eq!(referral::step(Declined, ReferralStep::Conclude), None);
    assert!(referral::next_steps(Concluded).is_empty());
}

#[test]
fn an_assigned_case_is_decided_by_its_officer_only() {
    let officer = uuid::Uuid::now_v7();
    assert!(decision::is_decider(None, "anyone"));
    assert!(decision::is_decider(Some(officer), &officer.to_string()));
    assert!(!decision::is_decider(Some(officer), "another-officer"));
}

#[test]
fn sides_act_for_their_party_and_a_collected_fine_owes_the_share() {
    use crate::complaint::Side;
    assert_eq!(Party::of(Side::Coordinator), Some(Party::State));
    assert_eq!(Party::of(Side::Business), Some(Party::Business));
    assert_eq!(Party::of(Side::System), None);
    assert_eq!(
        ledger::follows(ObligationKind::Fine, LedgerStep::Confirm),
        Some(ObligationKind::ComplainantShare)
    );
    assert_eq!(ledger::follows(ObligationKind::Fine, LedgerStep::Pay), None);
    assert_eq!(
        ledger::follows(ObligationKind::Compensation, LedgerStep::Confirm),
        None
    );
}

#[test]
fn a_decision_opens_a_ledger_line_only_for_what_it_orders() {
    let ordered = decision::obligations_ordered(poisha(0), poisha(150_000));
    assert_eq!(ordered, vec![(ObligationKind::Compensation, 150_000)]);
    let both = decision::obligations_ordered(poisha(500_000), poisha(150_000));
    assert_eq!(both.len(), 2);
    assert!(decision::obligations_ordered(poisha(0), poisha(0)).is_empty());
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 4, 0, 0).unwrap();
    let line = ledger::Obligation::owed(
        uuid::Uuid::nil(),
        uuid::Uuid::nil(),
        (ObligationKind::Fine, 500_000),
        at + Duration::days(10),
        at,
    );
    assert_eq!((line.payer, line.receiver), (Party::Business, Party::State));
    assert_eq!(line.status, ObligationStatus::Owed);
}

#[test]
fn a_decision_cancels_the_hearings_still_set_and_leaves_the_rest() {
    use super::hearing::{Hearing, HearingMode, HearingStatus};
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 4, 0, 0).unwrap();
    let hearing = |status| Hearing {
        id: uuid::Uuid::nil(),
        complaint_id: uuid::Uuid::nil(),
        scheduled_at: at,
        mode: HearingMode::Online,
        meeting_link: None,
        venue: None,
        status,
        reason: None,
        replaced_by: None,
        attendance: None,
        minutes: None,
        created_by: "officer".into(),
        created_at: at,
        updated_at: at,
    };
    let ended = decision::hearings_ended(vec![
        hearing(HearingStatus::Scheduled),
        hearing(HearingStatus::Held),
        hearing(HearingStatus::Rescheduled),
    ]);
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].status, HearingStatus::Cancelled);
    assert_eq!(ended[0].reason.as_deref(), Some("The case was decided."));
}
