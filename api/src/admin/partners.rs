use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action;
use ccms_domain::text::Name;
use ccms_persistence::DbConnection;
use ccms_persistence::identity::partners;
use ccms_persistence::registry::businesses;
use uuid::Uuid;

use super::bodies::{NewPartnerBody, PartnerCredentials, PartnerView};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::identity::secrets::random_token;
use crate::problem::{ApiError, FieldIssue};
use crate::registry::{Page, PageQuery};

/// Register a partner client
///
/// Admins only. The answer carries the client secret: it is shown this once.
#[utoipa::path(
    operation_id = "create_partner",
    tag = "admin",
    request_body = NewPartnerBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Registered; keep the secret", body = PartnerCredentials))
)]
#[post("/partners")]
pub async fn create_partner(
    caller: Caller,
    ctx: web::Data<AppContext>,
    hashing: web::Data<crate::identity::HashGate>,
    request: HttpRequest,
    body: JsonBody<NewPartnerBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManagePartners)?;
    let name = Name::parse(&body.0.name).map_err(|e| e.at("name"))?;
    let business_id = body.0.business_id;
    let client_id = format!("ccms-{}", random_token(12)?);
    let secret = random_token(32)?;
    let place = hashing.admit()?;
    let secret_hash = hashing.hash(&place, secret.clone()).await?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let client = ctx
        .write(
            move |conn| {
                known_business(conn, business_id)?;
                Ok(partners::create(
                    conn,
                    &client_id,
                    &secret_hash,
                    name.as_str(),
                    business_id,
                    now,
                )?)
            },
            move |created| actor.entry(now, "partner.create", "partner_client", created.id),
        )
        .await?;
    let location = format!("/api/v1/partners/{}", client.id);
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(PartnerCredentials {
            client: client.into(),
            client_secret: secret,
        }))
}

/// A partner client is registered for a business CCMS knows: an unknown one is the caller's
/// mistake (422), not a missing page.
fn known_business(conn: &mut DbConnection, business_id: Uuid) -> Result<(), ApiError> {
    if matches!(
        businesses::find(conn, business_id),
        Err(ccms_persistence::StoreError::NotFound)
    ) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "business_id",
            "unknown_business",
        )]));
    }
    Ok(())
}

/// List partner clients
///
/// Admins and auditors. Secrets are never shown again.
#[utoipa::path(
    operation_id = "list_partners",
    tag = "admin",
    params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of partner clients", body = Page<PartnerView>))
)]
#[get("/partners")]
pub async fn list_partners(
    caller: Caller,
    ctx: web::Data<AppContext>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ViewPartners)?;
    let page = query.request()?;
    let found = ctx
        .read(move |conn| Ok(partners::list(conn, &page)?))
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(found, PartnerView::from)))
}

/// Rotate a partner's secret
///
/// Admins only. The old secret stops working at once; the new one is shown this once.
#[utoipa::path(
    operation_id = "rotate_partner_secret",
    tag = "admin",
    params(("id" = Uuid, Path, description = "Partner client id (the record's, not `client_id`)")),
    security(("bearer" = [])),
    responses((status = 200, description = "New secret", body = PartnerCredentials))
)]
#[post("/partners/{id}/secret")]
pub async fn rotate_partner_secret(
    caller: Caller,
    ctx: web::Data<AppContext>,
    hashing: web::Data<crate::identity::HashGate>,
    request: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManagePartners)?;
    let id = id.into_inner();
    let secret = random_token(32)?;
    let place = hashing.admit()?;
    let secret_hash = hashing.hash(&place, secret.clone()).await?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let client = ctx
        .write(
            move |conn| {
                partners::find(conn, id)?;
                Ok(partners::set_secret(conn, id, &secret_hash, now)?)
            },
            move |client| actor.entry(now, "partner.rotate_secret", "partner_client", client.id),
        )
        .await?;
    Ok(HttpResponse::Ok().json(PartnerCredentials {
        client: client.into(),
        client_secret: secret,
    }))
}

/// Revoke a partner client
///
/// Admins only. Its credentials stop working at once; issued access tokens expire within minutes.
#[utoipa::path(
    operation_id = "revoke_partner",
    tag = "admin",
    params(("id" = Uuid, Path, description = "Partner client id (the record's, not `client_id`)")),
    security(("bearer" = [])),
    responses((status = 200, description = "Revoked", body = PartnerView))
)]
#[post("/partners/{id}/revoke")]
pub async fn revoke_partner(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManagePartners)?;
    let id = id.into_inner();
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let client = ctx
        .write(
            move |conn| {
                partners::find(conn, id)?;
                Ok(partners::revoke(conn, id, now)?)
            },
            move |client| actor.entry(now, "partner.revoke", "partner_client", client.id),
        )
        .await?;
    Ok(HttpResponse::Ok().json(PartnerView::from(client)))
}
