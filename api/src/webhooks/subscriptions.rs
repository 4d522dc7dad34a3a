//! Registering and managing subscriptions.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use ccms_domain::Invalid;
use ccms_domain::access::{Action as Permission, Disclosure, Role};
use ccms_domain::delivery::subscription::check_event_types;
use ccms_domain::delivery::{Destination, Owner, Subscription, SubscriptionStatus};
use ccms_domain::registry::AgencyCode;
use ccms_persistence::registry::agencies;
use ccms_persistence::webhooks::subscriptions::{self, Listing};
use ccms_persistence::{DbConnection, StoreError};
use uuid::Uuid;

use super::bodies::{NewSubscriptionBody, SubscriptionCreated, SubscriptionView};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::dispatch::guard::check_resolved;
use crate::http::JsonBody;
use crate::identity::secrets::random_token;
use crate::problem::{ApiError, FieldIssue};
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
        | Role::Admin => Listing::Of(Owner::Business(caller.0.business_id.unwrap_or(Uuid::nil()))),
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

/// The owner a new subscription is for: the caller's business, or the registered agency a
/// coordinator names.
fn new_owner(
    conn: &mut DbConnection,
    caller: &Caller,
    agency_code: Option<&str>,
) -> Result<Owner, ApiError> {
    match (managed_by(caller)?, agency_code) {
        (Listing::Agencies, Some(code)) => {
            let code = AgencyCode::parse(code).map_err(|e| e.at("agency_code"))?;
            match agencies::find_by_code(conn, &code) {
                Ok(_) => Ok(Owner::Agency(code.as_str().to_owned())),
                Err(StoreError::NotFound) => Err(ApiError::Validation(vec![FieldIssue::new(
                    "agency_code",
                    "unknown_agency",
                )])),
                Err(other) => Err(other.into()),
            }
        }
        (Listing::Agencies, None) => Err(ApiError::Validation(vec![FieldIssue::new(
            "agency_code",
            "required",
        )])),
        (Listing::Of(_), Some(_)) => Err(ApiError::Validation(vec![FieldIssue::new(
            "agency_code",
            "coordinators_only",
        )])),
        (Listing::Of(Owner::Business(id)), None) if id.is_nil() => Err(ApiError::Forbidden),
        (Listing::Of(owner), None) => Ok(owner),
        (Listing::All, _) => Err(ApiError::Forbidden),
    }
}

/// Subscribe to events
///
/// A business agent or partner for cases against its business (and, for a marketplace, the
/// cases it pushed against its sellers); a coordinator for an agency's endpoint, where its
/// referral packets go (`agency_code`). The URL must be `https://` and resolve to public addresses
/// only (a deployment may allow loopback or private ranges). Answers the signing secret
/// once: keep it; every request carries Standard Webhooks signature headers made with it.
#[utoipa::path(operation_id = "create_subscription", tag = "webhooks",
    request_body = NewSubscriptionBody, security(("bearer" = []), ("partner" = [])),
    responses((status = 201, description = "Subscribed; the secret is shown this once", body = SubscriptionCreated,
        headers(("Location" = String), ("ETag" = String)))))]
#[post("/subscriptions")]
pub async fn create_subscription(
    caller: Caller,
    ctx: web::Data<AppContext>,
    outlet: web::Data<crate::webhooks::WebhookOutlet>,
    request: HttpRequest,
    body: JsonBody<NewSubscriptionBody>,
) -> Result<HttpResponse, ApiError> {
    managed_by(&caller)?;
    let body = body.0;
    let url = Destination::parse(&body.url, &outlet.destinations).map_err(|e| e.at("url"))?;
    let (agency_code, who) = (body.agency_code.clone(), caller.clone());
    let owner = ctx
        .read(move |conn| new_owner(conn, &who, agency_code.as_deref()))
        .await?;
    let event_types =
        check_event_types(&owner, &body.event_types).map_err(|e| e.at("event_types"))?;
    // One answer whether the name resolves to a refused address or not at all, so the endpoint
    // tells nobody which internal names exist.
    if check_resolved(&url, outlet.destinations, &outlet.names)
        .await
        .is_err()
    {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "url",
            "private_address",
        )]));
    }
    let description = match body.description.as_deref().map(str::trim) {
        Some("") | None => None,
        Some(text) => Some(
            ccms_domain::text::Line::<200>::parse(text)
                .map_err(|e: Invalid| e.at("description"))?
                .as_str()
                .to_owned(),
        ),
    };
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let subscription = Subscription {
        id: Uuid::now_v7(),
        owner,
        url: url.as_str().to_owned(),
        event_types,
        description,
        secret_salt: random_token(16)?,
        status: SubscriptionStatus::Active,
        failure_run: 0,
        failing_since: None,
        disabled_reason: None,
        created_by: actor.id.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let secret = outlet
        .key
        .secret_for(subscription.id, &subscription.secret_salt)
        .encoded();
    let stored = subscription.clone();
    ctx.transaction(move |conn| {
        subscriptions::insert(conn, &stored)?;
        ccms_persistence::audit::record(
            conn,
            actor.entry(now, "subscription.create", "subscription", stored.id),
        )?;
        Ok(())
    })
    .await?;
    let location = format!("/api/v1/subscriptions/{}", subscription.id);
    let version = crate::http::etag(subscription.version);
    Ok(HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .insert_header((actix_web::http::header::ETAG, version))
        .json(SubscriptionCreated {
            subscription: subscription.into(),
            secret,
        }))
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
