//! The referral packet: the e-file a government office's Nothi receives. A self-contained,
//! versioned JSON document of the case (parties, facts, timeline, hearings, decision, ledger,
//! evidence list with SHA-256 hashes), described in the contract as `ReferralPacket`. Built
//! from the store by `ccms_usecases::packet::build`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::appeal::Appeal;
use super::decision::DecisionRecord;
use super::hearing::Hearing;
use super::ledger::Obligation;
use super::referral::Referral;
use super::review::Review;
use crate::complaint::{Category, Outcome, State};

/// The packet format's version; a change of shape is a new version.
pub const PACKET_VERSION: &str = "1";

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferralPacket {
    /// `"1"`.
    pub packet_version: String,
    pub generated_at: DateTime<Utc>,
    pub case: PacketCase,
    pub consumer: PacketConsumer,
    pub business: PacketBusiness,
    pub timeline: Vec<PacketEvent>,
    pub hearings: Vec<Hearing>,
    pub decision: Option<DecisionRecord>,
    pub obligations: Vec<Obligation>,
    pub referrals: Vec<Referral>,
    /// Appeals of the decision to the court, as the parties recorded them.
    pub appeals: Vec<Appeal>,
    /// The review the consumer asked for, if any, and its result.
    pub review: Option<Review>,
    pub evidence: Vec<PacketEvidence>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketCase {
    pub id: Uuid,
    pub tracking_number: String,
    pub state: State,
    pub outcome: Option<Outcome>,
    pub category: Category,
    pub subject: String,
    pub description: String,
    pub order_reference: Option<String>,
    pub incident_date: NaiveDate,
    pub amount_paid_poisha: i64,
    pub amount_claimed_poisha: i64,
    pub escalation_agency: String,
    pub policy_version: u32,
    pub routing_rule: String,
    pub filed_at: DateTime<Utc>,
    pub escalated_at: Option<DateTime<Utc>>,
}

/// The complainant, for the office that hears the case.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketConsumer {
    pub phone: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketBusiness {
    pub id: Uuid,
    pub legal_name: String,
    pub dbid: Option<String>,
    pub trade_licence: Option<String>,
    pub web_domains: Vec<String>,
}

/// A timeline entry; internal notes are not part of the packet.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketEvent {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub role: String,
    pub action: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacketEvidence {
    pub id: Uuid,
    pub file_name: String,
    pub kind: String,
    pub size_bytes: i64,
    /// Hex SHA-256 of the stored file.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}
