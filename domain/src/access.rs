//! Who may do what: roles from DOMAIN.md and a table of actions to the roles allowed them.
//! Object-level checks (own case, own business) come with the cases; this table is the
//! first gate.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Consumer,
    BusinessAgent,
    Partner,
    Officer,
    Regulator,
    Coordinator,
    Auditor,
    Admin,
}

/// Things a caller may ask for, named by what they do rather than by endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Create and change businesses and agencies.
    ManageRegistry,
    /// See suspended businesses, which the public registry hides.
    ViewSuspendedBusinesses,
}

use Role::*;

const STAFF_READERS: &[Role] = &[Officer, Regulator, Coordinator, Auditor, Admin];

/// The rules, as data: each action and the roles it is granted to.
const GRANTS: &[(Action, &[Role])] = &[
    (Action::ManageRegistry, &[Coordinator]),
    (Action::ViewSuspendedBusinesses, STAFF_READERS),
];

/// Whether `role` may perform `action`. Anything not granted is refused.
pub fn may(role: Role, action: Action) -> bool {
    GRANTS
        .iter()
        .any(|(granted, roles)| *granted == action && roles.contains(&role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_coordinators_manage_the_registry() {
        let all = [
            Consumer,
            BusinessAgent,
            Partner,
            Officer,
            Regulator,
            Coordinator,
            Auditor,
            Admin,
        ];
        let allowed: Vec<Role> = all
            .into_iter()
            .filter(|r| may(*r, Action::ManageRegistry))
            .collect();
        assert_eq!(allowed, vec![Coordinator]);
    }

    #[test]
    fn consumers_and_businesses_do_not_see_suspended_businesses() {
        assert!(!may(Consumer, Action::ViewSuspendedBusinesses));
        assert!(!may(BusinessAgent, Action::ViewSuspendedBusinesses));
        assert!(may(Auditor, Action::ViewSuspendedBusinesses));
    }
}
