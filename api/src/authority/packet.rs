//! The referral packet over HTTP: `GET /complaints/{key}/packet`, the e-file of the case as
//! `ccms_usecases::packet::build` assembles it, with the complainant's phone as the reader may
//! see it.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::{Action as Permission, Disclosure, Reading};
use ccms_domain::authority::hearing::Hearing;
pub use ccms_domain::authority::packet::ReferralPacket;
use ccms_usecases::packet::build;

use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::problem::ApiError;

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
        reader.read_by(&request),
        ("packet.read", "complaint"),
        vec![packet.case.id.to_string()],
        serde_json::Value::Null,
    )
    .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&reader, packet)?))
}
