//! The list scope and the permission table agree: for every role and every kind of case, a
//! caller's lists hold exactly the cases it may read one by one.

use uuid::Uuid;

use super::*;
use crate::access::{Action, Relation, permits};
use crate::complaint::State;
use crate::fixtures::{case_in, now};

const CONSUMER: Uuid = Uuid::from_u128(1);
const SHOP: Uuid = Uuid::from_u128(10);
const MARKETPLACE: Uuid = Uuid::from_u128(20);
const SELLER: Uuid = Uuid::from_u128(21);
const ELSEWHERE: Uuid = Uuid::from_u128(30);

fn respondent(id: Uuid) -> Respondent {
    Respondent {
        id,
        parent_id: (id == SELLER).then_some(MARKETPLACE),
    }
}

/// Cases of every kind: by whom, against whom, pushed or not, escalated and referred or not.
/// How an operator took part in a case: not at all, filed it and it is held, filed it and the
/// caller confirmed, filed it and it closed unconfirmed.
#[derive(Clone, Copy)]
enum Intake {
    None,
    Held,
    Confirmed,
    Unverified,
}

const OPERATOR: Uuid = Uuid::from_u128(12);

impl Intake {
    fn apply(self, case: &mut Complaint) {
        if !matches!(self, Intake::None) {
            case.filed_by = Some(OPERATOR);
        }
        match self {
            Intake::None | Intake::Confirmed => {}
            Intake::Held => {
                case.state = State::Submitted;
                case.escalated_at = None;
                case.routed_at = None;
            }
            Intake::Unverified => {
                case.state = State::Closed;
                case.escalated_at = None;
                case.routed_at = None;
                case.outcome = Some(crate::complaint::Outcome::Unverified);
            }
        }
    }
}

fn cases() -> Vec<(Complaint, Vec<String>)> {
    let mut all = Vec::new();
    for business in [SHOP, MARKETPLACE, SELLER, ELSEWHERE] {
        for consumer in [CONSUMER, Uuid::from_u128(2)] {
            for pushed in [None, Some("partner-m"), Some("partner-x")] {
                for escalated in [false, true] {
                    for intake in [
                        Intake::None,
                        Intake::Held,
                        Intake::Confirmed,
                        Intake::Unverified,
                    ] {
                        let mut case = case_in(State::WithBusiness);
                        case.filing.business_id = business;
                        case.consumer_id = consumer;
                        case.pushed_by = pushed.map(str::to_owned);
                        if escalated {
                            case.state = State::Escalated;
                            case.escalated_at = Some(now());
                        }
                        intake.apply(&mut case);
                        // The policy's referrals, and one an officer made.
                        let mut referred = case.routing.referrals.clone();
                        referred.push("BB".into());
                        all.push((case, referred));
                    }
                }
            }
        }
    }
    all
}

fn callers() -> Vec<CaseCaller> {
    let caller = |role, account, client: Option<&str>, business, agency: Option<&str>| CaseCaller {
        role,
        account_id: account,
        client_id: client.map(str::to_owned),
        business_id: business,
        agency: agency.map(str::to_owned),
    };
    vec![
        caller(Role::Consumer, Some(CONSUMER), None, None, None),
        caller(
            Role::BusinessAgent,
            Some(Uuid::from_u128(3)),
            None,
            Some(SHOP),
            None,
        ),
        caller(
            Role::Partner,
            None,
            Some("partner-m"),
            Some(MARKETPLACE),
            None,
        ),
        caller(Role::Partner, None, Some("partner-x"), None, None),
        caller(
            Role::Officer,
            Some(Uuid::from_u128(4)),
            None,
            None,
            Some("DNCRP"),
        ),
        caller(
            Role::Officer,
            Some(Uuid::from_u128(5)),
            None,
            None,
            Some("BSTI"),
        ),
        caller(
            Role::Regulator,
            Some(Uuid::from_u128(6)),
            None,
            None,
            Some("BB"),
        ),
        caller(
            Role::Regulator,
            Some(Uuid::from_u128(7)),
            None,
            None,
            Some("BTRC"),
        ),
        caller(
            Role::Coordinator,
            Some(Uuid::from_u128(8)),
            None,
            None,
            None,
        ),
        caller(Role::Auditor, Some(Uuid::from_u128(9)), None, None, None),
        caller(Role::Admin, Some(Uuid::from_u128(11)), None, None, None),
        caller(
            Role::IntakeOperator,
            Some(OPERATOR),
            None,
            None,
            Some("DNCRP"),
        ),
        caller(
            Role::IntakeOperator,
            Some(Uuid::from_u128(13)),
            None,
            None,
            Some("DNCRP"),
        ),
    ]
}

/// The caller's relation as a single read works it out (`load_visible` in the API).
fn read_relation(case: &Complaint, referred: &[String], caller: &CaseCaller) -> Relation {
    let mut relation = case.relation(caller);
    if caller.role == Role::Partner && relation.own && !relation.same_business {
        relation.own = partner_reaches(caller.business_id, respondent(case.filing.business_id));
    }
    if caller.role == Role::Regulator && !relation.same_agency {
        relation.same_agency = case.escalated_at.is_some()
            && caller.agency.as_ref().is_some_and(|a| referred.contains(a));
    }
    relation
}

#[test]
fn every_caller_lists_exactly_the_cases_it_may_read() {
    let mut listed = 0;
    for caller in callers() {
        let scope = Visibility::of(&caller);
        for (case, referred) in cases() {
            let readable = permits(
                caller.role,
                Action::ViewCase,
                read_relation(&case, &referred, &caller),
            );
            let covered = scope.covers(&case, &referred, respondent(case.filing.business_id));
            assert_eq!(
                covered,
                readable,
                "{:?} and a case against {} pushed by {:?}, escalated {}",
                caller.role,
                case.filing.business_id,
                case.pushed_by,
                case.escalated_at.is_some()
            );
            listed += usize::from(covered);
        }
    }
    // Not a vacuous agreement: some cases are listed, and not all.
    assert!(listed > 0 && listed < 13 * 192);
}
