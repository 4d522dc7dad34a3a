use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::VariantArray, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    Consumer,
    BusinessAgent,
    Partner,
    Officer,
    Regulator,
    Coordinator,
    Auditor,
    Admin,
    /// A DNCRP hotline or district-office clerk: files for callers and reads out what they
    /// filed, nothing else.
    IntakeOperator,
}

/// What a staff account must be attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affiliation {
    None,
    Business,
    Agency,
}

impl Role {
    /// Every role, in declaration order (derived: a new variant is listed by itself).
    pub const ALL: &'static [Role] = <Role as strum::VariantArray>::VARIANTS;

    /// Staff sign in with e-mail and password; consumers use OTP and partners client credentials.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Consumer | Role::Partner)
    }

    /// Government staff: their reads of personal data are recorded in the audit log.
    pub fn is_official(self) -> bool {
        matches!(
            self,
            Role::Officer
                | Role::Regulator
                | Role::Coordinator
                | Role::Auditor
                | Role::Admin
                | Role::IntakeOperator
        )
    }

    /// Whether this role's reads and writes of a person's data are named in that person's
    /// export of their data: everyone's but the person's own.
    pub fn reported_to_data_subject(self) -> bool {
        match self {
            Role::Consumer => false,
            Role::BusinessAgent
            | Role::Partner
            | Role::Officer
            | Role::Regulator
            | Role::Coordinator
            | Role::Auditor
            | Role::Admin
            | Role::IntakeOperator => true,
        }
    }

    /// Agents belong to a business, officers and regulators to an agency.
    pub fn affiliation(self) -> Affiliation {
        match self {
            Role::BusinessAgent | Role::Partner => Affiliation::Business,
            Role::Officer | Role::Regulator | Role::IntakeOperator => Affiliation::Agency,
            Role::Consumer | Role::Coordinator | Role::Auditor | Role::Admin => Affiliation::None,
        }
    }

    /// The code callers and the database use, as serde writes it too.
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn from_code(code: &str) -> Option<Role> {
        code.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for &role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.code());
        }
        assert_eq!(Role::ALL.len(), 9);
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
