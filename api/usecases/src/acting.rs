//! Acting on a case: one move of the lifecycle by the caller's side of the case, on the version
//! the caller read. An `assign` names its officer (one of the agency's, active) or takes the
//! one the rule picks; the move goes through the domain's `transition` and is written with its
//! timeline, audit and outbox entries, and what it does to the case's offers and ledger
//! (`redress`).

use std::sync::Arc;

use ccms_domain::access::Relation;
use ccms_domain::authority::assignment::assignee;
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_domain::complaint::transition::{MoveDetails, MoveRefused};
use ccms_domain::complaint::{Action, Complaint, side};
use ccms_persistence::authority::assignment;
use ccms_persistence::identity::accounts;
use ccms_persistence::journal::Journal;
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::UseCaseError;
use crate::books::Books;
use crate::cases::load_visible;
use crate::moves::{Mover, apply};
use crate::redress;
use crate::stage::OnCase;

/// Which versions of the case the caller's move was worked out on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    /// No precondition (or `*`): any version.
    Any,
    /// Only these versions (none parsed: no version will do).
    OneOf(Vec<i64>),
}

impl Precondition {
    pub fn admits(&self, version: i64) -> bool {
        match self {
            Precondition::Any => true,
            Precondition::OneOf(versions) => versions.contains(&version),
        }
    }
}

pub struct ActCommand {
    pub on: OnCase,
    pub action: Action,
    pub details: MoveDetails,
    pub precondition: Precondition,
}

/// The case after the move, how the caller stands to it and the policy it follows.
pub type Acted = (Complaint, Relation, Arc<RoutingPolicy>);

/// Makes the move at `now`, in the caller's transaction.
pub fn act(
    conn: &mut DbConnection,
    command: ActCommand,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Acted, UseCaseError> {
    let ActCommand {
        on: OnCase { who, actor, key },
        action,
        mut details,
        precondition,
    } = command;
    let (case, relation) = load_visible(conn, &key, &who)?;
    crate::stage::refuse_erased(&case)?;
    let Some(side) = side(who.role, relation) else {
        return Err(MoveRefused::NotAllowed {
            allowed: Vec::new(),
        }
        .into());
    };
    if !precondition.admits(case.version) {
        return Err(StoreError::StaleVersion {
            current: case.version,
        }
        .into());
    }
    let agency = &case.routing.escalation_agency;
    match details.officer_id {
        Some(officer) => check_officer(conn, officer, agency)?,
        // Assigned by rule: the office with the fewest open cases, and its idlest officer.
        None if action == Action::Assign => {
            let loads = assignment::officer_loads(conn, agency)?;
            let officer = assignee(&loads).ok_or(UseCaseError::NoOfficerAvailable)?;
            details.officer_id = Some(officer);
        }
        None => {}
    }
    let policy = books.policies.of_case(conn, case.routing.policy_version)?;
    let holidays = books.calendars.current(conn)?;
    let by = Mover {
        actor: &actor,
        now,
        timing: Timing::new(&holidays, &policy).of_category(case.filing.category),
    };
    let mut journal = Journal::default();
    let after = apply(&case, (action, side), &details, &by, &mut journal)?;
    redress::follow_move(conn, (&case, &after), (action, &details), &by, &mut journal)?;
    journal.write(conn)?;
    Ok((after, relation, policy))
}

/// An officer named for `assign` must be an active officer of the case's agency.
pub(crate) fn check_officer(
    conn: &mut DbConnection,
    officer: Uuid,
    agency: &str,
) -> Result<(), UseCaseError> {
    let account = match accounts::find(conn, officer) {
        Ok(account) => Some(account),
        Err(StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    if account.is_some_and(|a| a.works_cases_of(agency)) {
        Ok(())
    } else {
        Err(UseCaseError::NotAnOfficerOfTheAgency)
    }
}
