//! Against whom a caller may file. A consumer names any registered business (admissibility
//! then checks it is active). A marketplace's partner client files for its own customers, about
//! orders placed through it: against the marketplace itself or a seller registered under it,
//! never against an unrelated business, whose clocks, notices to a stranger and public
//! scorecard it would otherwise set off. The same reach bounds which of the cases it pushed a
//! partner may later read or hear of.

use uuid::Uuid;

use super::Role;

/// The respondent as far as this rule cares: its id and, for a seller, its marketplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Respondent {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
}

/// Whether a partner attached to `business` reaches `respondent`: itself, or its seller.
pub fn partner_reaches(business: Option<Uuid>, respondent: Respondent) -> bool {
    business.is_some_and(|mine| respondent.id == mine || respondent.parent_id == Some(mine))
}

/// Whether a caller in `role` (attached to `business`, if any) may name `respondent`.
pub fn may_file_against(role: Role, business: Option<Uuid>, respondent: Respondent) -> bool {
    match role {
        // A consumer, and an operator filing for a caller, name any registered business.
        Role::Consumer | Role::IntakeOperator => true,
        Role::Partner => partner_reaches(business, respondent),
        // No filing grant in the policy table; named here so a new role is decided on.
        Role::BusinessAgent
        | Role::Officer
        | Role::Regulator
        | Role::Coordinator
        | Role::Auditor
        | Role::Admin => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn business(n: u128, parent: Option<u128>) -> Respondent {
        Respondent {
            id: Uuid::from_u128(n),
            parent_id: parent.map(Uuid::from_u128),
        }
    }

    #[test]
    fn a_partner_files_against_its_marketplace_and_its_sellers_only() {
        let mine = Some(Uuid::from_u128(1));
        assert!(may_file_against(Role::Partner, mine, business(1, None)));
        assert!(may_file_against(Role::Partner, mine, business(2, Some(1))));
        assert!(!may_file_against(Role::Partner, mine, business(3, None)));
        assert!(!may_file_against(Role::Partner, mine, business(4, Some(3))));
        assert!(!may_file_against(Role::Partner, None, business(1, None)));
    }

    #[test]
    fn a_consumer_names_any_business() {
        assert!(may_file_against(Role::Consumer, None, business(3, None)));
    }
}
