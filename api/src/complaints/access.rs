//! How a caller stands to cases: loading one they may see (404 otherwise, like a missing one),
//! the scope of their lists, and what of a case they are shown.

use ccms_domain::access::{Disclosure, Reading, Relation, Role};
use ccms_domain::complaint::{CaseCaller, Complaint, allowed_actions, side};
use chrono::{DateTime, Utc};

use super::bodies::ComplaintView;
use crate::auth::Caller;
use crate::identity::mask;

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

pub use ccms_usecases::cases::load_visible;

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
    let flagged = Disclosure::shows_duplicate_flag(caller.role);
    let complaint = Complaint {
        possible_duplicate_of: complaint.possible_duplicate_of.filter(|_| flagged),
        ..complaint
    };
    ComplaintView::new(complaint, allowed, phone, now, policy)
}
