//! A data subject's requests and answers as JSON.

use ccms_domain::delivery::notice::Language;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::complaints::{ComplaintView, EventView, EvidenceView};

/// Consent to publish the case's narrative (scrubbed of names and numbers) in the open dataset.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConsentBody {
    pub consent_to_publish: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    pub complaint_id: Uuid,
    pub consent_to_publish: bool,
}

/// How the consumer hears of their cases, corrected on every case: give either or both.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    /// A new address; `null` removes it (notices then come by SMS only); absent: unchanged.
    #[schema(value_type = Option<String>, max_length = 254, example = "rahim@example.com")]
    #[serde(default, deserialize_with = "present")]
    pub email: Option<Option<String>>,
    /// `bn` or `en`.
    pub language: Option<Language>,
}

/// A field that is there, even as `null` (`Some(None)`), apart from one left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactView {
    /// The cases whose notices now go this way.
    pub cases_updated: usize,
}

/// Everything CCMS holds about the consumer who asks.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonalDataExport {
    pub generated_at: DateTime<Utc>,
    pub account: AccountRecord,
    pub cases: Vec<CaseExport>,
    /// Every SMS and e-mail CCMS sent (or is sending) to their phone and addresses.
    pub notices: Vec<NoticeRecord>,
    /// Every one-time code asked for by their phone, and whether it signed them in.
    pub codes_asked: Vec<CodeRecord>,
    /// Every read or write of their cases or account by staff, a business or a partner, as the
    /// audit log holds it.
    pub accessed_by: Vec<AccessRecord>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccountRecord {
    pub id: Uuid,
    pub phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseExport {
    pub case: ComplaintView,
    pub notify_language: Language,
    pub email: Option<String>,
    pub timeline: Vec<EventView>,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeRecord {
    pub channel: String,
    pub to: String,
    pub language: Language,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CodeRecord {
    pub at: DateTime<Utc>,
    pub used: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccessRecord {
    pub at: DateTime<Utc>,
    /// The account (or partner client) that acted.
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target_type: String,
    pub target_id: String,
}

/// What an erasure request did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureView {
    /// Tracking numbers of the cases erased now.
    pub erased: Vec<String>,
    /// The cases kept, each with why.
    pub refused: Vec<Refusal>,
    /// No case is kept: the account's phone and e-mail went too, and every session ended.
    pub account_erased: bool,
}

/// A case an erasure request could not erase, and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct Refusal {
    #[schema(example = "CCMS-2026-000123")]
    pub tracking_number: String,
    pub reason: ccms_domain::privacy::Bar,
    /// The reason in English.
    pub message: String,
    /// The reason in Bangla.
    pub message_bn: String,
}

impl Refusal {
    pub fn new(tracking_number: &str, bar: ccms_domain::privacy::Bar) -> Refusal {
        let (en, bn) = bar.reason();
        Refusal {
            tracking_number: tracking_number.to_owned(),
            reason: bar,
            message: en.to_owned(),
            message_bn: bn.to_owned(),
        }
    }
}

/// Why a case is held from erasure.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct HoldBody {
    /// The proceeding that needs the case (a court's reference, a regulator's inquiry).
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Dhaka Sessions Court, Misc. Case 412/2026"
    )]
    #[validate(length(min = 1, max = 500))]
    pub reason: String,
}

/// A legal hold on a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoldView {
    pub complaint_id: Uuid,
    pub reason: String,
    /// The coordinator's account.
    pub placed_by: String,
    pub placed_at: DateTime<Utc>,
}

impl From<ccms_persistence::privacy::holds::LegalHold> for HoldView {
    fn from(h: ccms_persistence::privacy::holds::LegalHold) -> HoldView {
        HoldView {
            complaint_id: h.complaint_id,
            reason: h.reason,
            placed_by: h.placed_by,
            placed_at: h.placed_at,
        }
    }
}
