//! A complaint as intake stores it: numbered, routed by the policy in force, and moved at once
//! to its first handler (the business, or the agency) with the clocks that move starts. A case
//! an intake operator files for a caller is held instead: it stays `submitted` with its
//! confirmation clock, and makes the routing move when the caller confirms it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::clocks::{ClockChange, ClockKind, Clocks, Timing};
use super::routing::{FirstHandler, RoutingDecision};
use super::{Action, Complaint, Filing, Side, State, TrackingNumber, attempt};
use crate::contact::PhoneNumber;

/// Who the complaint is for, and who pushed it (a partner's client id).
#[derive(Debug, Clone)]
pub struct Complainant {
    pub account_id: Uuid,
    pub phone: PhoneNumber,
    pub pushed_by: Option<String>,
    /// The intake operator filing for the caller: the case is held until confirmed.
    pub filed_by: Option<Uuid>,
}

/// The filed case, the routing move it made and the clocks that move started.
#[derive(Debug, Clone)]
pub struct Filed {
    pub case: Complaint,
    /// The routing move; `None` while the case is held for its caller's confirmation.
    pub first: Option<Action>,
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
    let first = first_move(&routing);
    let held = complainant.filed_by.is_some();
    let mut case = Complaint {
        id,
        tracking_number,
        consumer_id: complainant.account_id,
        consumer_phone: complainant.phone,
        pushed_by: complainant.pushed_by,
        filed_by: complainant.filed_by,
        routed_at: (!held).then_some(now),
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
        erased_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    if held {
        let (clocks, started) = Clocks::started(ClockKind::IntakeConfirmation, now, timing);
        case.clocks = clocks;
        return Ok(Filed {
            case,
            first: None,
            started,
        });
    }
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
        first: Some(first),
        started,
    })
}

/// The move that hands a case to its first handler: made at filing, or at the confirmation of
/// a held case.
pub fn first_move(routing: &RoutingDecision) -> Action {
    match routing.first_handler {
        FirstHandler::Business => Action::Forward,
        FirstHandler::Agency => Action::Escalate,
    }
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
        filed_by(category, surging, None)
    }

    fn filed_by(category: Category, surging: bool, operator: Option<Uuid>) -> Filed {
        let policy: RoutingPolicy = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
        let calendar = Calendar::default();
        let mut filing = case_in(State::Submitted).filing;
        filing.category = category;
        let complainant = Complainant {
            account_id: Uuid::from_u128(1),
            phone: PhoneNumber::parse("01712345678").unwrap(),
            pushed_by: None,
            filed_by: operator,
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
    fn a_case_an_operator_files_is_held_with_only_its_confirmation_clock() {
        let filed = filed_by(Category::NonDelivery, false, Some(Uuid::from_u128(5)));
        assert_eq!(filed.first, None);
        assert_eq!(filed.case.state, State::Submitted);
        assert!(filed.case.is_held());
        assert_eq!(filed.case.escalated_at, None);
        let kinds: Vec<ClockKind> = filed.case.clocks.0.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ClockKind::IntakeConfirmation]);
        assert_eq!(
            filed.case.clocks.next_due(),
            Some(now() + chrono::Duration::hours(168))
        );
        assert_eq!(first_move(&filed.case.routing), Action::Forward);
    }

    #[test]
    fn a_held_case_its_clock_ran_out_on_closes_unverified_and_a_confirmed_one_moves_on() {
        use crate::complaint::transition::{MoveDetails, transition};
        use crate::complaint::{Outcome, Side};
        let policy: RoutingPolicy = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
        let calendar = Calendar::default();
        let timing = Timing::new(&calendar, &policy);
        let held = filed_by(Category::NonDelivery, false, Some(Uuid::from_u128(5))).case;
        let due = held.clocks.next_due().unwrap();
        let before = due - chrono::Duration::seconds(1);
        assert_eq!(held.clocks.due(before), None);
        let (kind, breach) = held.clocks.due(due).unwrap();
        assert_eq!(kind, ClockKind::IntakeConfirmation);
        let close = breach.consequence().unwrap();
        let closed = transition(
            &held,
            (close, Side::System),
            &MoveDetails::default(),
            due,
            &timing,
        )
        .unwrap();
        assert_eq!(closed.after.state, State::Closed);
        assert_eq!(closed.after.outcome, Some(Outcome::Unverified));
        let confirmed = transition(
            &held,
            (first_move(&held.routing), Side::System),
            &MoveDetails::default(),
            before,
            &timing,
        )
        .unwrap();
        assert_eq!(confirmed.after.state, State::WithBusiness);
        let kinds: Vec<ClockKind> = confirmed.after.clocks.0.iter().map(|c| c.kind).collect();
        assert!(!kinds.contains(&ClockKind::IntakeConfirmation));
        assert!(kinds.contains(&ClockKind::BusinessAction));
    }

    #[test]
    fn a_complaint_goes_to_the_business_first_with_its_clock_running() {
        let filed = filed_as(Category::NonDelivery);
        assert_eq!(filed.first, Some(Action::Forward));
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
        assert_eq!(filed.first, Some(Action::Escalate));
        assert_eq!(filed.case.state, State::Escalated);
        assert_eq!(filed.case.routing.rule, "surge (business-first)");
    }

    #[test]
    fn a_prohibited_product_goes_straight_to_the_agency() {
        let filed = filed_as(Category::ProhibitedProduct);
        assert_eq!(filed.first, Some(Action::Escalate));
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
