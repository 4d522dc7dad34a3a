//! Merging a re-filed case into its original: the coordinator names the original, the re-filing
//! closes as `duplicate` with a link to it (its consumer told, as of any closing), and the open
//! dataset and scorecards count the original only.

use std::sync::Arc;

use ccms_domain::Invalid;
use ccms_domain::access::{Action as Permission, permits};
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::duplicates::may_merge;
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_domain::complaint::transition::MoveDetails;
use ccms_domain::complaint::{Action, Complaint, Side};
use ccms_persistence::DbConnection;
use ccms_persistence::complaints::duplicates;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};

use crate::UseCaseError;
use crate::acting::Acted;
use crate::books::Books;
use crate::cases::load_visible;
use crate::moves::{Mover, apply};
use crate::stage::OnCase;

/// Merges the case into the one `original` names (its id or tracking number).
pub fn merge(
    conn: &mut DbConnection,
    on: OnCase,
    original: &str,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Acted, UseCaseError> {
    let OnCase { who, actor, key } = on;
    let (case, relation) = load_visible(conn, &key, &who)?;
    if !permits(who.role, Permission::MergeCases, relation) {
        return Err(UseCaseError::Forbidden);
    }
    let unknown = || UseCaseError::Invalid(Invalid::field("into", "unknown_case"));
    let (original, _) = load_visible(conn, original, &who).map_err(|_| unknown())?;
    // A case that takes no more writes is no original to close a live one into.
    crate::stage::refuse_erased(&original)?;
    may_merge(&case, &original).map_err(|bad| Invalid::field("into", bad.rule()))?;
    let policy: Arc<RoutingPolicy> = books.policies.of_case(conn, case.routing.policy_version)?;
    let holidays = books.calendars.current(conn)?;
    let by = Mover {
        actor: &actor,
        now,
        timing: Timing::new(&holidays, &policy).of_category(case.filing.category),
    };
    let details = MoveDetails {
        note: Some(format!("merged into {}", original.tracking_number.as_str())),
        ..MoveDetails::default()
    };
    let mut journal = Journal::default();
    let after = apply(
        &case,
        (Action::Merge, Side::Coordinator),
        &details,
        &by,
        &mut journal,
    )?;
    duplicates::set_merged_into(conn, case.id, original.id)?;
    journal.write(conn)?;
    let after = Complaint {
        merged_into: Some(original.id),
        ..after
    };
    Ok((after, relation, policy))
}
