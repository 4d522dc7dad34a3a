//! Who the caller is, and the keys anyone can check our tokens with.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::{Action, Relation};
use ccms_persistence::identity::accounts;

use super::bodies::AccountView;
use crate::auth::{Caller, TokenKeys};
use crate::context::AppContext;
use crate::problem::{ApiError, Problem};

/// The caller's account
///
/// The account the access token belongs to. Partners, which are clients and not people, get 403.
#[utoipa::path(
    operation_id = "get_me",
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's account", body = AccountView),
        (status = 404, description = "The token names no account (`not_found`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/me")]
pub async fn get_me(caller: Caller, ctx: web::Data<AppContext>) -> Result<HttpResponse, ApiError> {
    caller.require_on(Action::ViewAccount, Relation::own())?;
    let id = caller.account_id().ok_or(ApiError::NotFound)?;
    let account = ctx.read(move |conn| Ok(accounts::find(conn, id)?)).await?;
    Ok(HttpResponse::Ok().json(AccountView::from(account)))
}

/// Token signing keys
///
/// The public keys access tokens are signed with (JWKS). Empty when the deployment signs with
/// a shared secret (HS256).
#[utoipa::path(
    operation_id = "get_jwks",
    tag = "auth",
    security(()),
    responses((status = 200, description = "JSON Web Key Set", body = Object))
)]
#[get("/.well-known/jwks.json")]
pub async fn get_jwks(keys: web::Data<TokenKeys>) -> HttpResponse {
    HttpResponse::Ok().json(keys.jwks())
}
