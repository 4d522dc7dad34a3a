use super::*;
use crate::fixtures;

#[test]
fn only_a_case_at_the_authority_against_the_matter_s_business_joins_an_open_matter() {
    let mut case = fixtures::case_in(State::Escalated);
    let business = case.filing.business_id;
    case.state = State::Escalated;
    assert_eq!(may_join(business, MatterStatus::Open, &case), Ok(()));
    assert_eq!(
        may_join(uuid::Uuid::now_v7(), MatterStatus::Open, &case),
        Err(JoinRefusal::OtherBusiness)
    );
    assert_eq!(
        may_join(business, MatterStatus::Decided, &case),
        Err(JoinRefusal::MatterDecided)
    );
    for state in [State::WithBusiness, State::Decided, State::Closed] {
        case.state = state;
        assert_eq!(
            may_join(business, MatterStatus::Open, &case),
            Err(JoinRefusal::NotAtAuthority),
            "{state:?}"
        );
    }
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
