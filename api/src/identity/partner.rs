//! Marketplace servers get access tokens with OAuth2 client credentials (RFC 6749 §4.4).

use actix_web::http::header::AUTHORIZATION;
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ccms_domain::access::Role;
use ccms_persistence::identity::partners::{self, PartnerClient};
use serde::Deserialize;
use utoipa::ToSchema;

use super::oauth_error::{OAuthError, TokenRefusal};
use super::secrets::decoy_hash;
use super::session::{TokenPair, access_only};
use crate::auth::throttle::admit;
use crate::auth::{Claims, TokenKeys};
use crate::context::AppContext;
use crate::http::client_address;
use crate::problem::ApiError;

/// An OAuth2 token request, form-encoded. The client may authenticate with HTTP Basic instead
/// of `client_id` and `client_secret` in the form.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    #[schema(example = "client_credentials")]
    pub grant_type: String,
    #[schema(max_length = 128)]
    pub client_id: Option<String>,
    #[schema(max_length = 256)]
    pub client_secret: Option<String>,
    /// Ignored (a partner's token always carries the partner role), but bounded like the rest.
    #[schema(max_length = 256)]
    pub scope: Option<String>,
}

/// `client_id:client_secret` from an HTTP Basic header.
fn basic_credentials(request: &HttpRequest) -> Option<(String, String)> {
    let header = request.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let encoded = header.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// Partner token
///
/// OAuth2 client credentials: `grant_type=client_credentials` with the client id and secret
/// (in the form or as HTTP Basic). Answers an access token; partners have no refresh token.
#[utoipa::path(
    operation_id = "issue_partner_token",
    tag = "auth",
    security(()),
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, description = "Access token", body = TokenPair,
            headers(("Cache-Control" = String, description = "no-store"))),
        (status = 400, description = "An OAuth2 error (RFC 6749 §5.2): `invalid_request`, `unsupported_grant_type`, or `invalid_client` for credentials sent in the form", body = OAuthError),
        (status = 401, description = "`invalid_client` for credentials sent as HTTP Basic, with `WWW-Authenticate: Basic`", body = OAuthError))
)]
#[post("/auth/token")]
pub async fn issue_partner_token(
    ctx: web::Data<AppContext>,
    hashing: web::Data<crate::identity::HashGate>,
    keys: web::Data<TokenKeys>,
    request: HttpRequest,
    form: Result<web::Form<TokenRequest>, actix_web::Error>,
) -> Result<HttpResponse, ApiError> {
    let basic = basic_credentials(&request);
    let form = match token_request(form) {
        Ok(form) => form,
        Err(refusal) => return Ok(refusal.answer()),
    };
    let refused = TokenRefusal::InvalidClient {
        basic: basic.is_some(),
    };
    let place = hashing.admit()?;
    admit(
        &ctx,
        vec![("partner_token_per_address", client_address(&request))],
    )
    .await?;
    let (client_id, secret) = match credentials(form, basic) {
        Ok(credentials) => credentials,
        Err(refusal) => return Ok(refusal.answer()),
    };
    let found = ctx
        .transaction(move |conn| Ok(partners::by_client_id(conn, &client_id)?))
        .await?;
    let stored = found
        .as_ref()
        .map(|(_, hash)| hash.as_str())
        .unwrap_or(decoy_hash());
    let secret_ok = hashing.verify(&place, secret, stored.to_owned()).await?;
    match found {
        Some((client, _)) if secret_ok && !client.revoked => token_answer(&ctx, &keys, client),
        _ => Ok(refused.answer()),
    }
}

/// The form as a client-credentials request, checked before any work.
fn token_request(
    form: Result<web::Form<TokenRequest>, actix_web::Error>,
) -> Result<TokenRequest, TokenRefusal> {
    let Ok(form) = form.map(web::Form::into_inner) else {
        return Err(TokenRefusal::InvalidRequest);
    };
    if form.grant_type != "client_credentials" {
        return Err(TokenRefusal::UnsupportedGrantType);
    }
    if form.scope.as_ref().is_some_and(|s| s.chars().count() > 256) {
        return Err(TokenRefusal::InvalidRequest);
    }
    Ok(form)
}

/// The client id and secret, from the form or else from HTTP Basic.
fn credentials(
    form: TokenRequest,
    basic: Option<(String, String)>,
) -> Result<(String, String), TokenRefusal> {
    let refused = TokenRefusal::InvalidClient {
        basic: basic.is_some(),
    };
    let (client_id, secret) = match (form.client_id, form.client_secret, basic) {
        (Some(id), Some(secret), _) => (id, secret),
        (_, _, Some(basic)) => basic,
        _ => return Err(TokenRefusal::InvalidRequest),
    };
    // Never let a malformed id reach the database (PostgreSQL refuses NUL in text).
    if client_id.len() > 128 || client_id.contains('\0') {
        return Err(refused);
    }
    Ok((client_id, secret))
}

/// The partner's access token, for its business; RFC 6749 §5.1: never cached.
fn token_answer(
    ctx: &AppContext,
    keys: &TokenKeys,
    client: PartnerClient,
) -> Result<HttpResponse, ApiError> {
    let (now, ttl) = (ctx.now(), ctx.access_ttl);
    let claims = Claims {
        business_id: Some(client.business_id),
        ..Claims::new(client.client_id, Role::Partner, now, ttl)
    };
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .insert_header((actix_web::http::header::PRAGMA, "no-cache"))
        .json(access_only(keys, &claims, ttl)?))
}
