//! What every write of the DNCRP stage starts from: the case (if the caller may see it and act
//! on it so), how the caller stands to it, and the policy version it follows.

use std::sync::Arc;

use ccms_domain::access::{Action as Permission, Relation, permits};
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_domain::complaint::{CaseCaller, Complaint};
use ccms_persistence::DbConnection;

use crate::books::Books;
use crate::cases::load_visible;
use crate::{Actor, UseCaseError};

/// Who acts on which case: the caller as the case rules see them, the actor of the write, and
/// the case's id or tracking number.
#[derive(Debug, Clone)]
pub struct OnCase {
    pub who: CaseCaller,
    pub actor: Actor,
    pub key: String,
}

pub struct Loaded {
    pub case: Complaint,
    pub relation: Relation,
    pub policy: Arc<RoutingPolicy>,
}

impl Loaded {
    /// The case `on` names, if its caller may see it (else `NotFound`) and take `permission`
    /// on it (else `Forbidden`).
    pub fn load(
        conn: &mut DbConnection,
        books: &Books<'_>,
        on: &OnCase,
        permission: Permission,
    ) -> Result<Loaded, UseCaseError> {
        let (case, relation) = load_visible(conn, &on.key, &on.who)?;
        if !permits(on.who.role, permission, relation) {
            return Err(UseCaseError::Forbidden);
        }
        refuse_erased(&case)?;
        let policy = books.policies.of_case(conn, case.routing.policy_version)?;
        Ok(Loaded {
            case,
            relation,
            policy,
        })
    }

    /// The calendar in force and the case's policy, as its clocks follow them.
    pub fn timing(
        &self,
        books: &Books<'_>,
        conn: &mut DbConnection,
    ) -> Result<Timing<'_>, UseCaseError> {
        let holidays = books.calendars.current(conn)?;
        Ok(Timing::new(&holidays, &self.policy).of_category(self.case.filing.category))
    }
}

/// An erased case takes no more writes: what would be written (a message, a file, a move, a
/// hold) would be personal data that no erasure removes again.
pub(crate) fn refuse_erased(case: &ccms_domain::complaint::Complaint) -> Result<(), UseCaseError> {
    match case.erased_at {
        Some(_) => Err(UseCaseError::Conflict(
            crate::error::Conflict::AlreadyErased,
        )),
        None => Ok(()),
    }
}
