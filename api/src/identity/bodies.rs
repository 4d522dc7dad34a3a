//! Sign-in requests and account answers as JSON.

use ccms_domain::access::Role;
use ccms_domain::identity::Account;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OtpRequestBody {
    /// Bangladeshi mobile number: `+8801[3-9]` and 8 digits, or `01...`, in ASCII or Bangla digits.
    #[schema(
        pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$",
        example = "01712345678"
    )]
    pub phone: String,
}

/// A code is on its way.
#[derive(Debug, Serialize, ToSchema)]
pub struct OtpSent {
    pub expires_at: DateTime<Utc>,
    /// Development only: the code itself, so frontends can be built without a phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dev_code: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OtpVerifyBody {
    #[schema(
        pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$",
        example = "01712345678"
    )]
    pub phone: String,
    #[schema(pattern = "^[0-9]{6}$", example = "123456")]
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    #[schema(format = Email, max_length = 254, example = "coordinator@ccms.test")]
    #[validate(length(max = 254))]
    pub email: String,
    #[schema(min_length = 1, max_length = 128, format = Password)]
    #[validate(length(min = 1, max = 128))]
    pub password: String,
}

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefreshBody {
    #[schema(min_length = 1, max_length = 128)]
    #[validate(length(min = 1, max = 128))]
    pub refresh_token: String,
}

/// An account as its owner and administrators see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    pub id: Uuid,
    pub role: Role,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub display_name: Option<String>,
    pub business_id: Option<Uuid>,
    pub agency: Option<String>,
    /// The office an officer or regulator works from; absent for the head office.
    pub office: Option<String>,
    /// May add agents to the business.
    pub business_admin: bool,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

impl AccountView {
    /// As an auditor sees it: initials for the name, contact details masked.
    pub fn for_oversight(self) -> AccountView {
        use ccms_domain::transparency::masking::{initials, mask_email, mask_phone};
        AccountView {
            email: self.email.as_deref().map(mask_email),
            phone: self.phone.as_deref().map(mask_phone),
            display_name: self.display_name.as_deref().map(initials),
            ..self
        }
    }
}

impl From<Account> for AccountView {
    fn from(a: Account) -> AccountView {
        AccountView {
            id: a.id,
            role: a.role,
            email: a.email.map(|e| e.as_str().to_owned()),
            phone: a.phone.map(|p| p.as_str().to_owned()),
            display_name: a.display_name.map(|n| n.as_str().to_owned()),
            business_id: a.business_id,
            agency: a.agency.map(|c| c.as_str().to_owned()),
            office: a.office.map(|o| o.as_str().to_owned()),
            business_admin: a.business_admin,
            disabled: a.disabled,
            created_at: a.created_at,
        }
    }
}
