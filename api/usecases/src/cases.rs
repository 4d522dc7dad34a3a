//! Finding a case the way its caller may see it: a case the caller may not read is not found,
//! exactly like a missing one, so no answer tells it apart.

use ccms_domain::access::filing::{Respondent, partner_reaches};
use ccms_domain::access::{Action as Permission, Relation, Role, permits};
use ccms_domain::complaint::{CaseCaller, Complaint, TrackingNumber};
use ccms_domain::registry::Business;
use ccms_persistence::DbConnection;
use ccms_persistence::complaints;
use uuid::Uuid;

use crate::UseCaseError;

/// A case by id or tracking number, if the caller may see it; 404 otherwise.
pub fn load_visible(
    conn: &mut DbConnection,
    key: &str,
    caller: &CaseCaller,
) -> Result<(Complaint, Relation), UseCaseError> {
    let found = match (Uuid::parse_str(key), TrackingNumber::parse(key)) {
        (Ok(id), _) => complaints::find(conn, id),
        (_, Some(number)) => complaints::find_by_tracking(conn, &number),
        _ => return Err(UseCaseError::NotFound),
    };
    let complaint = found?;
    let mut relation = complaint.relation(caller);
    // A partner reads the cases it pushed only while they stay within its marketplace.
    if caller.role == Role::Partner && relation.own && !relation.same_business {
        let named =
            ccms_persistence::registry::businesses::find(conn, complaint.filing.business_id)?;
        relation.own = partner_reaches(caller.business_id, respondent(&named));
    }
    // A regulator also sees a case an officer referred to its agency.
    if caller.role == Role::Regulator
        && !relation.same_agency
        && let Some(agency) = &caller.agency
    {
        relation.same_agency =
            ccms_persistence::authority::referrals::is_referred(conn, complaint.id, agency)?;
    }
    if permits(caller.role, Permission::ViewCase, relation) {
        Ok((complaint, relation))
    } else {
        Err(UseCaseError::NotFound)
    }
}

/// A registered business as the filing-scope rule sees it.
pub fn respondent(business: &Business) -> Respondent {
    Respondent {
        id: business.id,
        parent_id: business.details.parent_id,
    }
}
