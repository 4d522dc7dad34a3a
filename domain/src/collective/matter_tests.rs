use super::*;
use crate::fixtures;

fn matter_of(case: &Complaint) -> Matter {
    Matter {
        id: uuid::Uuid::now_v7(),
        business_id: case.filing.business_id,
        title: "Matter".into(),
        agency_code: case.routing.escalation_agency.clone(),
        officer_id: uuid::Uuid::from_u128(5),
        status: MatterStatus::Open,
        auto_join: false,
        opened_by: "coordinator".into(),
        opened_at: fixtures::now(),
        decided_at: None,
        version: 1,
    }
}

#[test]
fn only_a_case_at_the_matter_s_agency_against_its_business_joins_an_open_matter() {
    let mut case = fixtures::case_in(State::Escalated);
    let matter = matter_of(&case);
    assert_eq!(may_join(&matter, &case), Ok(()));
    let elsewhere = Matter {
        business_id: uuid::Uuid::now_v7(),
        ..matter.clone()
    };
    assert_eq!(may_join(&elsewhere, &case), Err(JoinRefusal::OtherBusiness));
    let other_agency = Matter {
        agency_code: "BTRC".into(),
        ..matter.clone()
    };
    assert_eq!(
        may_join(&other_agency, &case),
        Err(JoinRefusal::OtherAgency)
    );
    let decided = Matter {
        status: MatterStatus::Decided,
        ..matter.clone()
    };
    assert_eq!(may_join(&decided, &case), Err(JoinRefusal::MatterDecided));
    for state in [State::WithBusiness, State::Decided, State::Closed] {
        case.state = state;
        assert_eq!(
            may_join(&matter, &case),
            Err(JoinRefusal::NotAtAuthority),
            "{state:?}"
        );
    }
}

#[test]
fn a_case_that_left_the_matter_s_officer_or_the_investigation_is_not_decided_with_it() {
    let mut case = fixtures::case_in(State::UnderInvestigation);
    let matter = matter_of(&case);
    case.assigned_officer = Some(matter.officer_id);
    assert!(decidable(&matter, &case));
    case.assigned_officer = Some(uuid::Uuid::from_u128(6));
    assert!(!decidable(&matter, &case));
    case.assigned_officer = Some(matter.officer_id);
    case.state = State::Withdrawn;
    assert!(!decidable(&matter, &case));
}

#[test]
fn each_complainant_is_ordered_their_own_amount_and_the_fine_per_case() {
    let case = fixtures::case_in(State::Escalated);
    let upheld = MatterDecision {
        verdict: Decision::Upheld,
        refund: RefundBasis::AmountPaid,
        fine_per_case: Poisha::new(10_000).unwrap(),
    };
    let (fine, compensation) = upheld.ordered_on(&case);
    assert_eq!(fine.value(), 10_000);
    assert_eq!(compensation, case.filing.amount_paid);
    let max = Poisha::new(30_000_000).unwrap();
    assert_eq!(upheld.check(max), Ok(()));
    let dismissed = MatterDecision {
        verdict: Decision::Dismissed,
        fine_per_case: Poisha::ZERO,
        ..upheld
    };
    assert_eq!(
        dismissed.check(max),
        Err(BadDecision::AmountsWithoutUpholding)
    );
    let nothing = MatterDecision {
        refund: RefundBasis::Nothing,
        ..dismissed
    };
    assert_eq!(nothing.check(max), Ok(()));
}

#[test]
fn only_its_officer_decides_a_matter_and_a_coordinator_may_also_set_its_hearing() {
    let matter = matter_of(&fixtures::case_in(State::Escalated));
    let (officer, other) = (Some(matter.officer_id), Some(uuid::Uuid::from_u128(6)));
    assert!(matter.decided_by(officer) && !matter.decided_by(other));
    assert!(matter.heard_by(Role::Officer, officer) && !matter.heard_by(Role::Officer, other));
    assert!(matter.heard_by(Role::Coordinator, None));
    assert!(!matter.heard_by(Role::Regulator, officer));
}
