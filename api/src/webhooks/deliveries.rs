//! The delivery log, and replaying a delivery.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_persistence::webhooks::deliveries;
use ccms_persistence::{DbConnection, PageRequest, StoreError};
use uuid::Uuid;

use super::bodies::DeliveryView;
use super::subscriptions::{listing_of, managed_by, owned};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

/// A subscription's delivery log
///
/// Every delivery, oldest first, each with every attempt: time, the receiver's status code,
/// latency and the error when there was one.
#[utoipa::path(operation_id = "list_deliveries", tag = "webhooks",
    params(("subscription_id" = Uuid, Path, description = "The subscription"), PageQuery),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "One page of deliveries", body = Page<DeliveryView>)))]
#[get("/subscriptions/{subscription_id}/deliveries")]
pub async fn list_deliveries(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    listing_of(&caller)?;
    let (id, page, reader) = (id.into_inner(), page.request()?, caller.clone());
    let mut views = ctx
        .read(move |conn| {
            owned(conn, &reader, id)?;
            logged_page(conn, id, &page)
        })
        .await?;
    // A referral packet in the log is personal data: auditors see it reduced, and an
    // official's read of the log is recorded like a read of the packet.
    if ccms_domain::access::Disclosure::of(caller.role()).is_oversight() {
        views
            .items
            .iter_mut()
            .for_each(|v| mask_packet(&mut v.payload));
    }
    ctx.record_read(
        caller.read_by(&request),
        ("delivery.list", "subscription"),
        vec![id.to_string()],
        serde_json::Value::Null,
    )
    .await?;
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, views)?))
}

/// One page of the subscription's deliveries, each with its own attempts (read for the whole
/// page at once).
fn logged_page(
    conn: &mut DbConnection,
    subscription: Uuid,
    page: &PageRequest,
) -> Result<Page<DeliveryView>, ApiError> {
    let found = deliveries::list(conn, subscription, page)?;
    let ids: Vec<Uuid> = found.items.iter().map(|d| d.id).collect();
    let mut attempts = deliveries::attempts_of(conn, &ids)?;
    Ok(Page::from(found, |d| {
        let mine = attempts
            .iter()
            .filter(|(of, _)| *of == d.id)
            .map(|(_, a)| a.clone())
            .collect();
        attempts.retain(|(of, _)| *of != d.id);
        DeliveryView::new(d, mine)
    }))
}

/// The consumer's phone masked and attendees as initials, in a `referral.packet` payload.
fn mask_packet(payload: &mut serde_json::Value) {
    use ccms_domain::transparency::masking::{initials, mask_phone};
    let Some(packet) = payload.pointer_mut("/data/packet") else {
        return;
    };
    if let Some(phone) = packet.pointer_mut("/consumer/phone") {
        *phone = serde_json::Value::String(mask_phone(phone.as_str().unwrap_or_default()));
    }
    if let Some(hearings) = packet.get_mut("hearings").and_then(|h| h.as_array_mut()) {
        for names in hearings
            .iter_mut()
            .filter_map(|h| h.get_mut("attendance")?.as_array_mut())
        {
            for name in names.iter_mut() {
                *name = serde_json::Value::String(initials(name.as_str().unwrap_or_default()));
            }
        }
    }
}

/// Replay a delivery
///
/// Sends it again at the next dispatcher round (with the same `webhook-id`), whatever became
/// of it, and retries it for another day if the receiver fails.
#[utoipa::path(operation_id = "replay_delivery", tag = "webhooks",
    params(
        ("subscription_id" = Uuid, Path, description = "The subscription"),
        ("delivery_id" = Uuid, Path, description = "The delivery"),
    ),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 202, description = "Queued again", body = DeliveryView)))]
#[post("/subscriptions/{subscription_id}/deliveries/{delivery_id}/replay")]
pub async fn replay_delivery(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    managed_by(&caller)?;
    let ((subscription_id, delivery_id), actor, now) =
        (path.into_inner(), actor_of(&caller, &request), ctx.now());
    let view = ctx
        .transaction(move |conn| {
            owned(conn, &caller, subscription_id)?;
            let found = match deliveries::find(conn, delivery_id) {
                Ok(d) if d.subscription_id == subscription_id => d,
                Ok(_) | Err(StoreError::NotFound) => return Err(ApiError::NotFound),
                Err(other) => return Err(other.into()),
            };
            deliveries::replay(conn, found.id, now)?;
            ccms_persistence::audit::record(
                conn,
                actor.entry(now, "delivery.replay", "delivery", found.id),
            )?;
            let attempts = deliveries::attempts_of(conn, &[found.id])?
                .into_iter()
                .map(|(_, a)| a)
                .collect();
            Ok(DeliveryView::new(
                deliveries::find(conn, found.id)?,
                attempts,
            ))
        })
        .await?;
    Ok(HttpResponse::Accepted().json(view))
}
