//! Accounts: consumers (by phone), staff (by e-mail), each with a role and, for agents,
//! officers and regulators, the business or agency they belong to.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::access::{Affiliation, Role};
use crate::authority::assignment::Office;
use crate::contact::{Email, PhoneNumber};
use crate::registry::AgencyCode;
use crate::text::Name;

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: Uuid,
    pub role: Role,
    pub email: Option<Email>,
    pub phone: Option<PhoneNumber>,
    pub display_name: Option<Name>,
    pub business_id: Option<Uuid>,
    pub agency: Option<AgencyCode>,
    /// The agency office an officer works from; `None` is the agency's head office.
    pub office: Option<Office>,
    /// A business agent who may add other agents to the same business.
    pub business_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl Account {
    /// Whether this account may be assigned a case escalated to `agency`: an active officer of
    /// that agency.
    pub fn works_cases_of(&self, agency: &str) -> bool {
        self.role == Role::Officer
            && !self.disabled
            && self
                .agency
                .as_ref()
                .is_some_and(|code| code.as_str() == agency)
    }
}

/// A staff account to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStaff {
    pub role: Role,
    pub email: Email,
    pub display_name: Name,
    pub business_id: Option<Uuid>,
    pub agency: Option<AgencyCode>,
    /// Only for agency staff: the office they work from (assignment counts open cases per office).
    pub office: Option<Office>,
    pub business_admin: bool,
}

/// Why a staff account is not well-formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffProblem {
    NotAStaffRole,
    NeedsBusiness,
    NeedsAgency,
    NoAffiliationAllowed,
    OfficeNeedsAgency,
}

impl StaffProblem {
    pub fn rule(self) -> &'static str {
        match self {
            StaffProblem::NotAStaffRole => "not_a_staff_role",
            StaffProblem::NeedsBusiness => "needs_business",
            StaffProblem::NeedsAgency => "needs_agency",
            StaffProblem::NoAffiliationAllowed => "affiliation_not_allowed",
            StaffProblem::OfficeNeedsAgency => "office_not_allowed",
        }
    }

    pub fn field(self) -> &'static str {
        match self {
            StaffProblem::NotAStaffRole => "role",
            StaffProblem::NeedsBusiness => "business_id",
            StaffProblem::NeedsAgency | StaffProblem::NoAffiliationAllowed => "agency",
            StaffProblem::OfficeNeedsAgency => "office",
        }
    }
}

impl NewStaff {
    /// A role's affiliation must match what it is given: agents a business, officers and
    /// regulators an agency, everyone else nothing.
    pub fn check(&self) -> Result<(), StaffProblem> {
        if !self.role.is_staff() {
            return Err(StaffProblem::NotAStaffRole);
        }
        if self.office.is_some() && self.role.affiliation() != Affiliation::Agency {
            return Err(StaffProblem::OfficeNeedsAgency);
        }
        match (
            self.role.affiliation(),
            self.business_id.is_some(),
            self.agency.is_some(),
        ) {
            (Affiliation::Business, true, false)
            | (Affiliation::Agency, false, true)
            | (Affiliation::None, false, false) => Ok(()),
            (Affiliation::Business, _, _) => Err(StaffProblem::NeedsBusiness),
            (Affiliation::Agency, _, _) => Err(StaffProblem::NeedsAgency),
            (Affiliation::None, _, _) => Err(StaffProblem::NoAffiliationAllowed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role, business: bool, agency: bool) -> NewStaff {
        NewStaff {
            role,
            email: Email::parse("a@b.gov.bd").unwrap(),
            display_name: Name::parse("Rahima Khatun").unwrap(),
            business_id: business.then(Uuid::nil),
            agency: agency.then(|| AgencyCode::parse("DNCRP").unwrap()),
            office: None,
            business_admin: false,
        }
    }

    #[test]
    fn each_role_gets_exactly_its_affiliation() {
        assert_eq!(staff(Role::Officer, false, true).check(), Ok(()));
        assert_eq!(
            staff(Role::Officer, false, false).check(),
            Err(StaffProblem::NeedsAgency)
        );
        assert_eq!(staff(Role::BusinessAgent, true, false).check(), Ok(()));
        assert_eq!(
            staff(Role::BusinessAgent, false, true).check(),
            Err(StaffProblem::NeedsBusiness)
        );
        assert_eq!(staff(Role::Auditor, false, false).check(), Ok(()));
        assert_eq!(
            staff(Role::Admin, true, false).check(),
            Err(StaffProblem::NoAffiliationAllowed)
        );
        assert_eq!(
            staff(Role::Consumer, false, false).check(),
            Err(StaffProblem::NotAStaffRole)
        );
    }

    #[test]
    fn only_agency_staff_name_an_office() {
        let office = Some(Office::parse("Dhaka District Office").unwrap());
        let officer = NewStaff {
            office: office.clone(),
            ..staff(Role::Officer, false, true)
        };
        assert_eq!(officer.check(), Ok(()));
        let agent = NewStaff {
            office,
            ..staff(Role::BusinessAgent, true, false)
        };
        assert_eq!(agent.check(), Err(StaffProblem::OfficeNeedsAgency));
        assert_eq!(StaffProblem::OfficeNeedsAgency.field(), "office");
    }

    #[test]
    fn only_an_active_officer_of_the_agency_works_its_cases() {
        let officer = Account {
            id: Uuid::nil(),
            role: Role::Officer,
            email: None,
            phone: None,
            display_name: None,
            business_id: None,
            agency: Some(AgencyCode::parse("DNCRP").unwrap()),
            office: None,
            business_admin: false,
            disabled: false,
            created_at: DateTime::<Utc>::UNIX_EPOCH,
        };
        assert!(officer.works_cases_of("DNCRP"));
        assert!(!officer.works_cases_of("BSTI"));
        let disabled = Account {
            disabled: true,
            ..officer.clone()
        };
        assert!(!disabled.works_cases_of("DNCRP"));
        let regulator = Account {
            role: Role::Regulator,
            ..officer
        };
        assert!(!regulator.works_cases_of("DNCRP"));
    }
}
