use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// What a staff account must be attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affiliation {
    None,
    Business,
    Agency,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Consumer,
        Role::BusinessAgent,
        Role::Partner,
        Role::Officer,
        Role::Regulator,
        Role::Coordinator,
        Role::Auditor,
        Role::Admin,
    ];

    /// Staff sign in with e-mail and password; consumers use OTP and partners client credentials.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Consumer | Role::Partner)
    }

    /// Government staff: their reads of personal data are recorded in the audit log.
    pub fn is_official(self) -> bool {
        matches!(
            self,
            Role::Officer | Role::Regulator | Role::Coordinator | Role::Auditor | Role::Admin
        )
    }

    /// Agents belong to a business, officers and regulators to an agency.
    pub fn affiliation(self) -> Affiliation {
        match self {
            Role::BusinessAgent | Role::Partner => Affiliation::Business,
            Role::Officer | Role::Regulator => Affiliation::Agency,
            Role::Consumer | Role::Coordinator | Role::Auditor | Role::Admin => Affiliation::None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Consumer => "consumer",
            Role::BusinessAgent => "business_agent",
            Role::Partner => "partner",
            Role::Officer => "officer",
            Role::Regulator => "regulator",
            Role::Coordinator => "coordinator",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn officers_belong_to_agencies_and_agents_to_businesses() {
        assert_eq!(Role::Officer.affiliation(), Affiliation::Agency);
        assert_eq!(Role::BusinessAgent.affiliation(), Affiliation::Business);
        assert_eq!(Role::Auditor.affiliation(), Affiliation::None);
        assert!(!Role::Consumer.is_staff() && !Role::Partner.is_staff() && Role::Admin.is_staff());
    }
}
