//! Registering a subscription: the owner (the caller's business, or the agency a coordinator
//! names), the events it may hear, an address that resolves to public hosts only; the secret
//! is shown once.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::delivery::subscription::check_event_types;
use ccms_domain::delivery::{Destination, Owner, Subscription};
use ccms_domain::registry::AgencyCode;
use ccms_persistence::registry::agencies;
use ccms_persistence::webhooks::subscriptions::Listing;
use ccms_persistence::{DbConnection, StoreError};
use ccms_usecases::subscribing::{self, Registration};

use super::WebhookOutlet;
use super::bodies::{NewSubscriptionBody, SubscriptionCreated};
use super::subscriptions::managed_by;
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::dispatch::guard::check_resolved;
use crate::http::JsonBody;
use crate::identity::secrets::random_token;
use crate::problem::{ApiError, FieldIssue};

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
    outlet: web::Data<WebhookOutlet>,
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
    resolves_publicly(&url, &outlet).await?;
    let asked = Registration {
        owner,
        url,
        event_types,
        description: body.description()?,
        secret_salt: random_token(16)?,
        actor: actor_of(&caller, &request),
    };
    let now = ctx.now();
    let subscription = ctx
        .transaction(move |conn| Ok(subscribing::register(conn, asked, now)?))
        .await?;
    let secret = outlet
        .key
        .secret_for(subscription.id, &subscription.secret_salt)
        .encoded();
    Ok(created(subscription, secret))
}

/// One answer whether the name resolves to a refused address or not at all, so the endpoint
/// tells nobody which internal names exist.
async fn resolves_publicly(url: &Destination, outlet: &WebhookOutlet) -> Result<(), ApiError> {
    check_resolved(url, outlet.destinations, &outlet.names)
        .await
        .map_err(|_| ApiError::Validation(vec![FieldIssue::new("url", "private_address")]))
}

/// 201 with the subscription's address and version, and the secret, shown this once.
fn created(subscription: Subscription, secret: String) -> HttpResponse {
    let location = format!("/api/v1/subscriptions/{}", subscription.id);
    let version = crate::http::etag(subscription.version);
    HttpResponse::Created()
        .insert_header((actix_web::http::header::LOCATION, location))
        .insert_header((actix_web::http::header::ETAG, version))
        .json(SubscriptionCreated {
            subscription: subscription.into(),
            secret,
        })
}
