//! The referral packet: the e-file a government office's Nothi receives. A self-contained,
//! versioned JSON document of the case (parties, facts, timeline, hearings, decision, ledger,
//! evidence list with SHA-256 hashes), described in the contract as `ReferralPacket`.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::{Action as Permission, Disclosure, Reading};
use ccms_domain::authority::decision::DecisionRecord;
use ccms_domain::authority::hearing::Hearing;
use ccms_domain::authority::ledger::Obligation;
use ccms_domain::authority::referral::Referral;
use ccms_domain::complaint::{Category, Complaint, Outcome, State};
use ccms_persistence::DbConnection;
use ccms_persistence::authority::{decisions, hearings, obligations, referrals};
use ccms_persistence::complaints::{events, evidence};
use ccms_persistence::registry::businesses;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::problem::ApiError;

/// The packet format's version; a change of shape is a new version.
pub const PACKET_VERSION: &str = "1";

#[derive(Debug, Serialize, ToSchema)]
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
    pub evidence: Vec<PacketEvidence>,
}

#[derive(Debug, Serialize, ToSchema)]
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
#[derive(Debug, Serialize, ToSchema)]
pub struct PacketConsumer {
    pub phone: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PacketBusiness {
    pub id: Uuid,
    pub legal_name: String,
    pub dbid: Option<String>,
    pub trade_licence: Option<String>,
    pub web_domains: Vec<String>,
}

/// A timeline entry; internal notes are not part of the packet.
#[derive(Debug, Serialize, ToSchema)]
pub struct PacketEvent {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub role: String,
    pub action: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PacketEvidence {
    pub id: Uuid,
    pub file_name: String,
    pub kind: String,
    pub size_bytes: i64,
    /// Hex SHA-256 of the stored file.
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

/// Builds the packet of `case` as it stands at `now`.
pub fn build(
    conn: &mut DbConnection,
    case: &Complaint,
    now: DateTime<Utc>,
) -> Result<ReferralPacket, ApiError> {
    let business = businesses::find(conn, case.filing.business_id)?;
    let timeline = events::timeline(conn, case.id, false)?
        .into_iter()
        .map(|e| PacketEvent {
            seq: e.seq,
            at: e.at,
            kind: e.kind,
            role: e.role,
            action: e.action,
            from_state: e.from_state,
            to_state: e.to_state,
            detail: e.detail,
        })
        .collect();
    let evidence = evidence::of_complaint(conn, case.id)?
        .into_iter()
        .map(|e| PacketEvidence {
            id: e.id,
            file_name: e.file_name,
            kind: ccms_usecases::moves::code(&e.kind).unwrap_or_default(),
            size_bytes: e.size_bytes,
            sha256: e.sha256,
            uploaded_at: e.uploaded_at,
        })
        .collect();
    let f = &case.filing;
    let d = &business.details;
    Ok(ReferralPacket {
        packet_version: PACKET_VERSION.to_owned(),
        generated_at: now,
        case: PacketCase {
            id: case.id,
            tracking_number: case.tracking_number.as_str().to_owned(),
            state: case.state,
            outcome: case.outcome,
            category: f.category,
            subject: f.subject.as_str().to_owned(),
            description: f.description.as_str().to_owned(),
            order_reference: f.order_reference.as_ref().map(|o| o.as_str().to_owned()),
            incident_date: f.incident_date,
            amount_paid_poisha: f.amount_paid.value(),
            amount_claimed_poisha: f.amount_claimed.value(),
            escalation_agency: case.routing.escalation_agency.clone(),
            policy_version: case.routing.policy_version,
            routing_rule: case.routing.rule.clone(),
            filed_at: case.created_at,
            escalated_at: case.escalated_at,
        },
        consumer: PacketConsumer {
            phone: case.consumer_phone.as_str().to_owned(),
        },
        business: PacketBusiness {
            id: business.id,
            legal_name: d.legal_name.as_str().to_owned(),
            dbid: d.dbid.as_ref().map(|x| x.as_str().to_owned()),
            trade_licence: d.trade_licence.as_ref().map(|x| x.as_str().to_owned()),
            web_domains: d
                .web_domains
                .iter()
                .map(|w| w.as_str().to_owned())
                .collect(),
        },
        timeline,
        hearings: hearings::for_complaint(conn, case.id)?,
        decision: decisions::find(conn, case.id)?,
        obligations: obligations::for_complaint(conn, case.id)?,
        referrals: referrals::for_complaint(conn, case.id)?,
        evidence,
    })
}

/// A case's referral packet
///
/// The e-file of the case for a government office (Nothi): parties, facts, timeline (without
/// internal notes), hearings, decision, ledger, referrals and the evidence list with SHA-256
/// hashes, as `ReferralPacket` version 1. Staff of the case's agencies, coordinators, auditors.
#[utoipa::path(operation_id = "get_referral_packet", tag = "authority", params(CaseKey),
    security(("bearer" = [])),
    responses((status = 200, description = "The packet", body = ReferralPacket)))]
#[get("/complaints/{key}/packet")]
pub async fn get_referral_packet(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
    request: actix_web::HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let now = ctx.now();
    let reader = caller.clone();
    let packet = ctx
        .read(move |conn| {
            let (case, relation) = load_visible(conn, &on.key, &on.who)?;
            caller.require_on(Permission::ReadPacket, relation)?;
            let mut packet = build(conn, &case, now)?;
            let shown = Disclosure::shows_phone(caller.role(), relation, Reading::Packet);
            if !shown {
                packet.consumer.phone = crate::identity::mask(&case.consumer_phone);
            }
            // Auditors oversee; they do not contact complainants or identify attendees.
            if Disclosure::of(caller.role()).is_oversight() {
                packet.hearings = packet
                    .hearings
                    .into_iter()
                    .map(Hearing::for_oversight)
                    .collect();
            }
            Ok(packet)
        })
        .await?;
    ctx.record_read(
        &reader,
        &request,
        ("packet.read", "complaint"),
        vec![packet.case.id.to_string()],
        serde_json::Value::Null,
    )
    .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&reader, packet)?))
}
