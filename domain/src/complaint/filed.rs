//! A complaint as intake stores it: numbered, routed by the policy in force, and moved at once
//! to its first handler (the business, or the agency) with the clocks that move starts.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::clocks::{ClockChange, ClockKind, Clocks, Timing};
use super::routing::FirstHandler;
use super::{Action, Complaint, Filing, Side, State, TrackingNumber, attempt};
use crate::contact::PhoneNumber;

/// Who the complaint is for, and who pushed it (a partner's client id).
#[derive(Debug, Clone)]
pub struct Complainant {
    pub account_id: Uuid,
    pub phone: PhoneNumber,
    pub pushed_by: Option<String>,
}

/// The filed case, the routing move it made and the clocks that move started.
#[derive(Debug, Clone)]
pub struct Filed {
    pub case: Complaint,
    pub first: Action,
    pub started: Vec<(ClockKind, ClockChange)>,
}

/// A policy that cannot take a filing: it must route every category, and its first move must
/// be one the lifecycle allows. `RoutingPolicy::check` refuses such a policy before publishing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unroutable {
    #[error("the routing policy has no rule for this category")]
    NoRule,
    #[error("the lifecycle refuses the routing move")]
    FirstMoveRefused,
}

/// Files `filing` for `complainant` as case `id`, numbered `tracking_number`, at `now`;
/// against a business in a surge (`surging`), routed as the policy's surge rule says.
pub fn file(
    (id, tracking_number): (Uuid, TrackingNumber),
    complainant: Complainant,
    (filing, surging): (Filing, bool),
    timing: &Timing<'_>,
    now: DateTime<Utc>,
) -> Result<Filed, Unroutable> {
    let routing = timing
        .policy
        .route(filing.category)
        .ok_or(Unroutable::NoRule)?;
    let routing = if surging {
        timing.policy.surge.reroute(routing)
    } else {
        routing
    };
    let first = match routing.first_handler {
        FirstHandler::Business => Action::Forward,
        FirstHandler::Agency => Action::Escalate,
    };
    let mut case = Complaint {
        id,
        tracking_number,
        consumer_id: complainant.account_id,
        consumer_phone: complainant.phone,
        pushed_by: complainant.pushed_by,
        filing,
        routing,
        state: State::Submitted,
        waiting_on_consumer: false,
        outcome: None,
        closed_at: None,
        escalated_at: None,
        first_response_at: None,
        reopened_at: None,
        info_requests: 0,
        clocks: Clocks::default(),
        assigned_officer: None,
        remedy_failing: false,
        merged_into: None,
        possible_duplicate_of: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let moved = attempt(&case.facts(timing.policy), first, Side::System, now)
        .map_err(|_| Unroutable::FirstMoveRefused)?;
    let (clocks, started) = Clocks::default().after_move(
        (State::Submitted, moved.to, first),
        moved.waiting,
        now,
        timing,
    );
    case.state = moved.to;
    case.escalated_at = (moved.to == State::Escalated).then_some(now);
    case.clocks = clocks;
    Ok(Filed {
        case,
        first,
        started,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::complaint::Category;
    use crate::complaint::routing::{DEFAULT_POLICY_JSON, RoutingPolicy};
    use crate::fixtures::{case_in, now};

    fn filed_as(category: Category) -> Filed {
        filed_during(category, false)
    }

    fn filed_during(category: Category, surging: bool) -> Filed {
        let policy: RoutingPolicy = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
        let calendar = Calendar::default();
        let mut filing = case_in(State::Submitted).filing;
        filing.category = category;
        let complainant = Complainant {
            account_id: Uuid::from_u128(1),
            phone: PhoneNumber::parse("01712345678").unwrap(),
            pushed_by: None,
        };
        let number = (Uuid::from_u128(9), TrackingNumber::new(2026, 7));
        file(
            number,
            complainant,
            (filing, surging),
            &Timing::new(&calendar, &policy),
            now(),
        )
        .unwrap()
    }

    #[test]
    fn a_complaint_goes_to_the_business_first_with_its_clock_running() {
        let filed = filed_as(Category::NonDelivery);
        assert_eq!(filed.first, Action::Forward);
        assert_eq!(filed.case.state, State::WithBusiness);
        assert_eq!(filed.case.escalated_at, None);
        assert!(
            filed
                .case
                .clocks
                .deadline_of(ClockKind::BusinessAction)
                .is_some()
        );
        assert_eq!(filed.case.routing.policy_version, 1);
        assert_eq!((filed.case.version, filed.case.created_at), (1, now()));
    }

    #[test]
    fn a_case_against_a_surging_business_goes_straight_to_the_agency() {
        let filed = filed_during(Category::NonDelivery, true);
        assert_eq!(filed.first, Action::Escalate);
        assert_eq!(filed.case.state, State::Escalated);
        assert_eq!(filed.case.routing.rule, "surge (business-first)");
    }

    #[test]
    fn a_prohibited_product_goes_straight_to_the_agency() {
        let filed = filed_as(Category::ProhibitedProduct);
        assert_eq!(filed.first, Action::Escalate);
        assert_eq!(filed.case.state, State::Escalated);
        assert_eq!(filed.case.escalated_at, Some(now()));
        assert!(
            filed
                .case
                .clocks
                .deadline_of(ClockKind::HearingNotice)
                .is_some()
        );
    }
}
