//! Refresh tokens rotate on every use; a spent one coming back revokes its whole chain.

use actix_web::{HttpResponse, post, web};
use ccms_domain::identity::{Redemption, RefreshToken};
use ccms_persistence::DbConnection;
use ccms_persistence::identity::{accounts, refresh_tokens};
use chrono::{DateTime, Duration, Utc};

use super::bodies::RefreshBody;
use super::secrets::fingerprint;
use super::session::{self, TokenPair};
use crate::auth::TokenKeys;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

/// Refresh a session
///
/// Trades a refresh token for a new access and refresh token. Each refresh token works once;
/// presenting a used one revokes every token of that sign-in.
#[utoipa::path(
    operation_id = "refresh_session",
    tag = "auth",
    security(()),
    request_body = RefreshBody,
    responses((status = 200, description = "New tokens", body = TokenPair))
)]
#[post("/auth/refresh")]
pub async fn refresh_session(
    ctx: web::Data<AppContext>,
    keys: web::Data<TokenKeys>,
    body: JsonBody<RefreshBody>,
) -> Result<HttpResponse, ApiError> {
    let (now, ttl) = (ctx.now(), ctx.access_ttl);
    let hash = fingerprint(&body.0.refresh_token);
    // Reuse detection must commit its revocation, so refusals are values, not errors.
    let refreshed = ctx
        .transaction(move |conn| {
            let Some(token) = refresh_tokens::by_hash(conn, &hash)? else {
                return Ok(Refreshed::Refused);
            };
            match token.redeem(now) {
                Redemption::Rotate => rotate(conn, &keys, &token, (now, ttl)),
                Redemption::ReuseDetected => {
                    let revoked = refresh_tokens::revoke_family(conn, token.family)?;
                    log::warn!(
                        "refresh token reused: revoked {revoked} token(s) of account {}",
                        token.account_id
                    );
                    Ok(Refreshed::Refused)
                }
                Redemption::Refused => Ok(Refreshed::Refused),
            }
        })
        .await?;
    match refreshed {
        Refreshed::Yes(pair) => Ok(HttpResponse::Ok().json(pair)),
        Refreshed::Refused => Err(ApiError::InvalidRefreshToken),
    }
}

/// What a refresh came to; a refusal is a value so the revocations it made still commit.
enum Refreshed {
    Yes(TokenPair),
    Refused,
}

/// Spends `token` and issues the next pair of its chain; a token spent by a racing request, or
/// of a disabled account, revokes the chain instead.
fn rotate(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    token: &RefreshToken,
    (now, ttl): (DateTime<Utc>, Duration),
) -> Result<Refreshed, ApiError> {
    if !refresh_tokens::mark_spent(conn, token.id)? {
        // A racing request spent it a moment ago: the same token was used twice.
        let revoked = refresh_tokens::revoke_family(conn, token.family)?;
        log::warn!(
            "refresh token used twice at once: revoked {revoked} token(s) of account {}",
            token.account_id
        );
        return Ok(Refreshed::Refused);
    }
    let account = accounts::find(conn, token.account_id)?;
    if account.disabled {
        refresh_tokens::revoke_family(conn, token.family)?;
        return Ok(Refreshed::Refused);
    }
    let pair = session::issue(conn, keys, &account, Some(token.family), now, ttl)?;
    Ok(Refreshed::Yes(pair))
}

/// Sign out
///
/// Revokes the refresh token and every token of its sign-in. Answers 204 whether or not the
/// token was known, so it reveals nothing.
#[utoipa::path(
    operation_id = "logout_session",
    tag = "auth",
    security(()),
    request_body = RefreshBody,
    responses((status = 204, description = "Signed out"))
)]
#[post("/auth/logout")]
pub async fn logout_session(
    ctx: web::Data<AppContext>,
    body: JsonBody<RefreshBody>,
) -> Result<HttpResponse, ApiError> {
    let hash = fingerprint(&body.0.refresh_token);
    ctx.transaction(move |conn| {
        if let Some(token) = refresh_tokens::by_hash(conn, &hash)? {
            refresh_tokens::revoke_family(conn, token.family)?;
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
