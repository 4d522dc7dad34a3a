//! Administration requests and answers as JSON.

use ccms_domain::access::Role;
use ccms_domain::authority::assignment::Office;
use ccms_domain::contact::Email;
use ccms_domain::identity::{NewStaff, Password};
use ccms_domain::registry::AgencyCode;
use ccms_domain::text::Name;
use ccms_domain::{Collector, Invalid};
use ccms_persistence::identity::partners::PartnerClient;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A staff account to create, with its first password.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewStaffBody {
    pub role: Role,
    #[schema(format = Email, max_length = 254, example = "rahima.khatun@dncrp.gov.bd")]
    pub email: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "Rahima Khatun"
    )]
    pub display_name: String,
    /// 12 to 128 characters.
    #[schema(min_length = 12, max_length = 128, format = Password)]
    pub password: String,
    /// Required for `business_agent`.
    pub business_id: Option<Uuid>,
    /// Required for `officer` and `regulator`: the agency code.
    #[schema(pattern = "^[A-Z0-9_]{2,16}$", example = "DNCRP")]
    pub agency: Option<String>,
    /// Only for `officer` and `regulator`: the office they work from. An escalated case that
    /// no one assigns goes to the office with the fewest open cases. Absent: the head office.
    #[schema(
        min_length = 1,
        max_length = 80,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "Dhaka District Office"
    )]
    pub office: Option<String>,
    /// A business agent who may add agents to the same business.
    #[serde(default)]
    pub business_admin: bool,
}

impl NewStaffBody {
    pub fn parse(self) -> Result<(NewStaff, Password), Invalid> {
        let mut errors = Collector::default();
        let email = errors.take("email", Email::parse(&self.email));
        let name = errors.take("display_name", Name::parse(&self.display_name));
        let password = errors.take("password", Password::parse(&self.password));
        let agency = errors.take(
            "agency",
            self.agency.as_deref().map(AgencyCode::parse).transpose(),
        );
        let office = errors.take(
            "office",
            self.office.as_deref().map(Office::parse).transpose(),
        );
        let (Some(email), Some(display_name), Some(password), Some(agency), Some(office)) =
            (email, name, password, agency, office)
        else {
            return Err(errors.into_invalid());
        };
        let staff = NewStaff {
            role: self.role,
            email,
            display_name,
            business_id: self.business_id,
            agency,
            office,
            business_admin: self.business_admin,
        };
        staff
            .check()
            .map_err(|p| Invalid::field(p.field(), p.rule()))?;
        Ok((staff, password))
    }
}

/// An agent to add to a business.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewAgentBody {
    #[schema(format = Email, max_length = 254, example = "support@bazaarbangla.com.bd")]
    pub email: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub display_name: String,
    #[schema(min_length = 12, max_length = 128, format = Password)]
    pub password: String,
    #[serde(default)]
    pub business_admin: bool,
}

impl NewAgentBody {
    pub fn for_business(self, business_id: Uuid) -> NewStaffBody {
        NewStaffBody {
            role: Role::BusinessAgent,
            email: self.email,
            display_name: self.display_name,
            password: self.password,
            business_id: Some(business_id),
            agency: None,
            office: None,
            business_admin: self.business_admin,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct StaffChanges {
    /// `true` disables the account and revokes its refresh tokens.
    pub disabled: bool,
}

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewPartnerBody {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "Bazaar Bangla order system"
    )]
    pub name: String,
    /// The marketplace (or shop) the client acts for.
    pub business_id: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerView {
    pub id: Uuid,
    /// The public half of the credentials.
    pub client_id: String,
    pub name: String,
    pub business_id: Uuid,
    pub revoked: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<PartnerClient> for PartnerView {
    fn from(c: PartnerClient) -> PartnerView {
        PartnerView {
            id: c.id,
            client_id: c.client_id,
            name: c.name,
            business_id: c.business_id,
            revoked: c.revoked,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// A client with its secret: shown this once, stored only as a hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerCredentials {
    pub client: PartnerView,
    pub client_secret: String,
}
