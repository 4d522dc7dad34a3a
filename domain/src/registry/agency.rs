//! Government bodies that receive referrals: DNCRP by default, and the sector regulators.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::AgencyCode;
use crate::contact::Email;
use crate::text::Name;

/// DNCRP decides consumer disputes; regulators take the cases that touch their sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Directorate,
    Regulator,
}

/// What a coordinator supplies to register or replace an agency's details.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAgency {
    pub code: AgencyCode,
    pub name_en: Name,
    pub name_bn: Name,
    pub kind: AgencyKind,
    pub contact_email: Option<Email>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    pub id: Uuid,
    pub details: NewAgency,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
