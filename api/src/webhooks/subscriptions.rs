//! Managing subscriptions: who sees which, listing, reading, enabling again, deleting.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use ccms_domain::access::{Action as Permission, Disclosure, Role};
use ccms_domain::delivery::{Owner, Subscription, SubscriptionStatus};
use ccms_persistence::webhooks::subscriptions::{self, Listing};
use ccms_persistence::{DbConnection, StoreError};
use uuid::Uuid;

use super::bodies::SubscriptionView;
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

/// Whose subscriptions the caller sees: a business agent's or partner's business (a token
/// without one names an owner that has nothing); for a coordinator, the agencies'; for an
/// auditor, all (to read, never to change).
pub(super) fn listing_of(caller: &Caller) -> Result<Listing, ApiError> {
    caller.require_any(Permission::ViewSubscriptions)?;
    Ok(match caller.role() {
        Role::Coordinator => Listing::Agencies,
        Role::Auditor => Listing::All,
        Role::Consumer
        | Role::BusinessAgent
        | Role::Partner
        | Role::Officer
        | Role::Regulator
        | Role::Admin
        | Role::IntakeOperator => {
            Listing::Of(Owner::Business(caller.0.business_id.unwrap_or(Uuid::nil())))
        }
    })
}

/// For changes: the caller must manage subscriptions, and sees what it may change.
pub(super) fn managed_by(caller: &Caller) -> Result<Listing, ApiError> {
    caller.require_any(Permission::ManageSubscriptions)?;
    listing_of(caller)
}

/// A subscription the caller manages; 404 for any other.
pub(super) fn owned(
    conn: &mut DbConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<Subscription, ApiError> {
    let found = match subscriptions::find(conn, id) {
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        other => other?,
    };
    let mine = match (listing_of(caller)?, &found.owner) {
        (Listing::All, _) | (Listing::Agencies, Owner::Agency(_)) => true,
        (Listing::Of(owner), theirs) => owner == *theirs,
        _ => false,
    };
    if !mine {
        return Err(ApiError::NotFound);
    }
    Ok(found)
}

/// Subscriptions
///
/// The caller's own (its business's; for coordinators, the agencies'), oldest first.
#[utoipa::path(operation_id = "list_subscriptions", tag = "webhooks", params(PageQuery),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "One page of subscriptions", body = Page<SubscriptionView>)))]
#[get("/subscriptions")]
pub async fn list_subscriptions(
    caller: Caller,
    ctx: web::Data<AppContext>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    let listing = listing_of(&caller)?;
    let page = page.request()?;
    let found = ctx
        .read(move |conn| Ok(subscriptions::list(conn, &listing, &page)?))
        .await?;
    let reader = Disclosure::of(caller.role());
    Ok(HttpResponse::Ok().json(Page::from(found, |s| {
        SubscriptionView::for_reader(s, reader)
    })))
}

/// A subscription
///
/// One webhook subscription with its events and state: a business's own (its partner client
/// and agents), agencies' for coordinators, all for auditors; any other answers 404.
#[utoipa::path(operation_id = "get_subscription", tag = "webhooks",
    params(("subscription_id" = Uuid, Path, description = "The subscription")),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The subscription", body = SubscriptionView)))]
#[get("/subscriptions/{subscription_id}")]
pub async fn get_subscription(
    caller: Caller,
    ctx: web::Data<AppContext>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    listing_of(&caller)?;
    let id = id.into_inner();
    let reader = Disclosure::of(caller.role());
    let found = ctx.read(move |conn| owned(conn, &caller, id)).await?;
    Ok(HttpResponse::Ok().json(SubscriptionView::for_reader(found, reader)))
}

/// Enable a subscription again
///
/// After CCMS disabled it for a run of failures: deliveries that waited go out at the next
/// round, and the failure count starts again.
#[utoipa::path(operation_id = "enable_subscription", tag = "webhooks",
    params(("subscription_id" = Uuid, Path, description = "The subscription")),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "Active again", body = SubscriptionView)))]
#[post("/subscriptions/{subscription_id}/enable")]
pub async fn enable_subscription(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    managed_by(&caller)?;
    let (actor, now, id) = (actor_of(&caller, &request), ctx.now(), id.into_inner());
    let enabled = ctx
        .transaction(move |conn| {
            let found = owned(conn, &caller, id)?;
            let enabled = Subscription {
                status: SubscriptionStatus::Active,
                failure_run: 0,
                failing_since: None,
                disabled_reason: None,
                updated_at: now,
                version: found.version + 1,
                ..found.clone()
            };
            subscriptions::update(conn, &enabled, found.version)?;
            ccms_persistence::audit::record(
                conn,
                actor.entry(now, "subscription.enable", "subscription", id),
            )?;
            Ok(enabled)
        })
        .await?;
    Ok(HttpResponse::Ok().json(SubscriptionView::from(enabled)))
}

/// Delete a subscription
///
/// With its deliveries and their log; events from now on are not sent to it.
#[utoipa::path(operation_id = "delete_subscription", tag = "webhooks",
    params(("subscription_id" = Uuid, Path, description = "The subscription")),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 204, description = "Deleted")))]
#[delete("/subscriptions/{subscription_id}")]
pub async fn delete_subscription(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    managed_by(&caller)?;
    let (actor, now, id) = (actor_of(&caller, &request), ctx.now(), id.into_inner());
    ctx.transaction(move |conn| {
        owned(conn, &caller, id)?;
        subscriptions::delete(conn, id)?;
        ccms_persistence::audit::record(
            conn,
            actor.entry(now, "subscription.delete", "subscription", id),
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
