//! Agency requests and answers as JSON.

use ccms_domain::contact::Email;
use ccms_domain::registry::{Agency, AgencyCode, AgencyKind, NewAgency};
use ccms_domain::text::Name;
use ccms_domain::{Collector, Invalid};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::business_body::nullable;

/// A government body cases are referred to.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyView {
    pub id: Uuid,
    #[schema(example = "DNCRP")]
    pub code: String,
    pub name_en: String,
    pub name_bn: String,
    pub kind: AgencyKind,
    pub contact_email: Option<String>,
    pub active: bool,
    /// Send back in `If-Match` (as the ETag) to update.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Agency> for AgencyView {
    fn from(agency: Agency) -> AgencyView {
        let d = agency.details;
        AgencyView {
            id: agency.id,
            code: d.code.as_str().to_owned(),
            name_en: d.name_en.as_str().to_owned(),
            name_bn: d.name_bn.as_str().to_owned(),
            kind: d.kind,
            contact_email: d.contact_email.map(|e| e.as_str().to_owned()),
            active: d.active,
            version: agency.version,
            created_at: agency.created_at,
            updated_at: agency.updated_at,
        }
    }
}

/// Registers an agency.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewAgencyBody {
    /// Short code, 2-16 capital letters, digits or `_`; fixed once created.
    #[schema(pattern = "^[A-Z0-9_]{2,16}$", example = "BTRC")]
    pub code: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "Bangladesh Telecommunication Regulatory Commission"
    )]
    pub name_en: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "বাংলাদেশ টেলিযোগাযোগ নিয়ন্ত্রণ কমিশন"
    )]
    pub name_bn: String,
    pub kind: AgencyKind,
    #[schema(format = Email, max_length = 254)]
    pub contact_email: Option<String>,
    #[serde(default = "active_by_default")]
    #[schema(default = true)]
    pub active: bool,
}

fn active_by_default() -> bool {
    true
}

/// Changes some of an agency's details; absent fields stay as they are, `null` clears.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AgencyChanges {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub name_en: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub name_bn: Option<String>,
    pub kind: Option<AgencyKind>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub contact_email: Option<Option<String>>,
    pub active: Option<bool>,
}

impl NewAgencyBody {
    pub fn parse(self) -> Result<NewAgency, Invalid> {
        let mut errors = Collector::default();
        let code = errors.take("code", AgencyCode::parse(&self.code));
        let name_en = errors.take("name_en", Name::parse(&self.name_en));
        let name_bn = errors.take("name_bn", Name::parse(&self.name_bn));
        let email = errors.take(
            "contact_email",
            self.contact_email.as_deref().map(Email::parse).transpose(),
        );
        let (Some(code), Some(name_en), Some(name_bn), Some(contact_email)) =
            (code, name_en, name_bn, email)
        else {
            return Err(errors.into_invalid());
        };
        Ok(NewAgency {
            code,
            name_en,
            name_bn,
            kind: self.kind,
            contact_email,
            active: self.active,
        })
    }
}

impl AgencyChanges {
    /// The agency's details with these changes applied, checked like a new agency.
    pub fn apply_to(self, current: &Agency) -> Result<NewAgency, Invalid> {
        let d = &current.details;
        NewAgencyBody {
            code: d.code.as_str().to_owned(),
            name_en: self
                .name_en
                .unwrap_or_else(|| d.name_en.as_str().to_owned()),
            name_bn: self
                .name_bn
                .unwrap_or_else(|| d.name_bn.as_str().to_owned()),
            kind: self.kind.unwrap_or(d.kind),
            contact_email: self
                .contact_email
                .unwrap_or_else(|| d.contact_email.as_ref().map(|e| e.as_str().to_owned())),
            active: self.active.unwrap_or(d.active),
        }
        .parse()
    }
}
