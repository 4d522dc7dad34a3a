//! Assembling a case's referral packet (`ccms_domain::authority::packet`) from the store: for
//! the `GET /complaints/{key}/packet` answer and the `referral.packet` webhook alike.

use ccms_domain::authority::packet::{
    PACKET_VERSION, PacketBusiness, PacketCase, PacketConsumer, PacketEvent, PacketEvidence,
    ReferralPacket,
};
use ccms_domain::complaint::Complaint;
use ccms_persistence::DbConnection;
use ccms_persistence::authority::{appeals, decisions, hearings, obligations, referrals, reviews};
use ccms_persistence::complaints::{events, evidence};
use ccms_persistence::registry::businesses;
use chrono::{DateTime, Utc};

use crate::UseCaseError;

/// Builds the packet of `case` as it stands at `now`.
pub fn build(
    conn: &mut DbConnection,
    case: &Complaint,
    now: DateTime<Utc>,
) -> Result<ReferralPacket, UseCaseError> {
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
            kind: crate::moves::code(&e.kind).unwrap_or_default(),
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
        appeals: appeals::for_complaint(conn, case.id)?,
        review: reviews::find(conn, case.id)?,
        evidence,
    })
}
