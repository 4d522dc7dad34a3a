//! How a caller stands to cases: loading one they may see (404 otherwise, like a missing one),
//! the scope of their lists, and what of a case they are shown.

use ccms_domain::access::filing::{Respondent, partner_reaches};
use ccms_domain::access::{Action as Permission, Disclosure, Reading, Relation, Role, permits};
use ccms_domain::complaint::{CaseCaller, Complaint, TrackingNumber, allowed_actions, side};
use ccms_domain::registry::Business;
use ccms_persistence::DbConnection;
use ccms_persistence::complaints;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::bodies::ComplaintView;
use crate::auth::Caller;
use crate::identity::mask;
use crate::problem::ApiError;

pub fn case_caller(caller: &Caller) -> CaseCaller {
    let claims = &caller.0;
    CaseCaller {
        role: claims.role,
        account_id: caller.account_id(),
        client_id: (claims.role == Role::Partner).then(|| claims.sub.clone()),
        business_id: claims.business_id,
        agency: claims.agency.clone(),
    }
}

/// A case by id or tracking number, if the caller may see it; 404 otherwise.
pub fn load_visible(
    conn: &mut DbConnection,
    key: &str,
    caller: &CaseCaller,
) -> Result<(Complaint, Relation), ApiError> {
    let found = match (Uuid::parse_str(key), TrackingNumber::parse(key)) {
        (Ok(id), _) => complaints::find(conn, id),
        (_, Some(number)) => complaints::find_by_tracking(conn, &number),
        _ => return Err(ApiError::NotFound),
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
        Err(ApiError::NotFound)
    }
}

/// A registered business as the filing-scope rule sees it.
pub fn respondent(business: &Business) -> Respondent {
    Respondent {
        id: business.id,
        parent_id: business.details.parent_id,
    }
}

/// The complainant's number as the disclosure table lets this reader see it.
fn shown_phone(complaint: &Complaint, caller: &CaseCaller, relation: Relation) -> String {
    if Disclosure::shows_phone(caller.role, relation, Reading::Case) {
        complaint.consumer_phone.as_str().to_owned()
    } else {
        mask(&complaint.consumer_phone)
    }
}

pub fn view(
    complaint: Complaint,
    caller: &CaseCaller,
    relation: Relation,
    now: DateTime<Utc>,
    policy: &ccms_domain::complaint::routing::RoutingPolicy,
) -> ComplaintView {
    let allowed = side(caller.role, relation)
        .map(|s| allowed_actions(&complaint.facts(policy), s, now))
        .unwrap_or_default();
    let phone = shown_phone(&complaint, caller, relation);
    ComplaintView::new(complaint, allowed, phone, now, policy)
}
