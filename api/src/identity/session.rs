//! Issuing tokens: an access JWT, and for consumers and staff a rotating refresh token.

use ccms_domain::identity::{Account, RefreshTokenPolicy};
use ccms_persistence::DbConnection;
use ccms_persistence::identity::refresh_tokens;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::secrets::{fingerprint, random_token};
use crate::auth::{Claims, TokenKeys};
use crate::problem::ApiError;

/// Tokens for a signed-in caller (OAuth2 token response shape).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    /// A JWT for `Authorization: Bearer`.
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque; trade it at `/api/v1/auth/refresh` for a new pair. Each one works once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_expires_in: Option<i64>,
}

pub fn claims_for(account: &Account, now: DateTime<Utc>, ttl: Duration) -> Claims {
    Claims {
        business_id: account.business_id,
        agency: account.agency.as_ref().map(|a| a.as_str().to_owned()),
        ..Claims::new(account.id.to_string(), account.role, now, ttl)
    }
}

pub fn access_only(
    keys: &TokenKeys,
    claims: &Claims,
    ttl: Duration,
) -> Result<TokenPair, ApiError> {
    Ok(TokenPair {
        access_token: keys
            .sign(claims)
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        token_type: "Bearer".into(),
        expires_in: ttl.num_seconds(),
        refresh_token: None,
        refresh_expires_in: None,
    })
}

/// Access and refresh token for `account`; `family` continues a chain, `None` starts one.
pub fn issue(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    account: &Account,
    family: Option<Uuid>,
    now: DateTime<Utc>,
    ttl: Duration,
) -> Result<TokenPair, ApiError> {
    let refresh = random_token(32)?;
    let lifetime = RefreshTokenPolicy::DEFAULT.lifetime;
    let family = family.unwrap_or_else(Uuid::now_v7);
    refresh_tokens::insert(
        conn,
        account.id,
        family,
        &fingerprint(&refresh),
        now + lifetime,
        now,
    )?;
    Ok(TokenPair {
        refresh_token: Some(refresh),
        refresh_expires_in: Some(lifetime.num_seconds()),
        ..access_only(keys, &claims_for(account, now, ttl), ttl)?
    })
}
