//! What every write of the DNCRP stage starts from: the case (if the caller may see it), how the
//! caller stands to it, and the policy version it follows; and what it ends with: its moves,
//! timeline, audit and outbox entries written together.

use std::sync::Arc;

use ccms_domain::access::Relation;
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_domain::complaint::{CaseCaller, Complaint};
use ccms_persistence::DbConnection;

use crate::calendar::CalendarBook;
use crate::complaints::access::load_visible;
use crate::policy::PolicyBook;
use crate::problem::ApiError;

pub struct Loaded {
    pub case: Complaint,
    pub relation: Relation,
    pub policy: Arc<RoutingPolicy>,
}

pub fn load(
    conn: &mut DbConnection,
    policies: &PolicyBook,
    key: &str,
    who: &CaseCaller,
) -> Result<Loaded, ApiError> {
    let (case, relation) = load_visible(conn, key, who)?;
    let policy = policies.of_case(conn, case.routing.policy_version)?;
    Ok(Loaded {
        case,
        relation,
        policy,
    })
}

pub use ccms_usecases::moves::timeline::entry;

/// The calendar in force and the policy a loaded case's clocks follow.
pub fn timing<'a>(
    calendars: &CalendarBook,
    conn: &mut DbConnection,
    loaded: &'a Loaded,
) -> Result<ccms_domain::complaint::clocks::Timing<'a>, ApiError> {
    let holidays = calendars.current(conn)?;
    Ok(
        ccms_domain::complaint::clocks::Timing::new(&holidays, &loaded.policy)
            .of_category(loaded.case.filing.category),
    )
}
