//! The chain's head, and verifying the chain.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::Action as Permission;
use ccms_persistence::audit;
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{ChainBreak, ChainHead, ChainReport};
use crate::auth::Caller;
use crate::context::AppContext;
use crate::problem::ApiError;

/// The audit chain's head
///
/// Its last position and hash. An outside party (a court, the Comptroller, a newspaper) keeps
/// these periodically; `verify` with them later shows the chain up to that point is unchanged.
#[utoipa::path(operation_id = "get_audit_head", tag = "audit", security(("bearer" = [])),
    responses((status = 200, description = "The head", body = ChainHead)))]
#[get("/audit/head")]
pub async fn audit_head(
    caller: Caller,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ReadAudit)?;
    let now = ctx.now();
    let (chain_index, hash) = ctx.read(|conn| Ok(audit::head(conn)?)).await?;
    Ok(HttpResponse::Ok().json(ChainHead {
        chain_index,
        hash,
        read_at: now,
    }))
}

/// A chain hash: 64 lowercase hex digits.
pub const HASH_PATTERN: &str = "^[0-9a-f]{64}$";

fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// An anchor kept outside: a position and the hash the chain had there.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Anchor {
    #[param(required = false, value_type = i64, minimum = 1)]
    chain_index: Option<i64>,
    /// 64 hex digits.
    #[param(required = false, value_type = String, pattern = "^[0-9a-f]{64}$")]
    hash: Option<String>,
}

/// Verify the audit chain
///
/// Walks every entry in chain order, recomputing each hash from the entry and the one before,
/// and reports the first broken link: an edited entry, a deleted one, a reordering, or a row
/// written around the chain. With `chain_index` and `hash` (an anchor kept outside), also says
/// whether the chain still has that hash there.
#[utoipa::path(operation_id = "verify_audit", tag = "audit", params(Anchor), security(("bearer" = [])),
    responses((status = 200, description = "What the walk found", body = ChainReport)))]
#[get("/audit/verify")]
pub async fn verify_audit(
    caller: Caller,
    ctx: web::Data<AppContext>,
    anchor: web::Query<Anchor>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ReadAudit)?;
    let anchor = match (anchor.chain_index, anchor.hash.clone()) {
        (Some(index), Some(hash)) if index >= 1 && is_hash(&hash) => Some((index, hash)),
        (None, None) => None,
        (Some(index), _) if index < 1 => {
            return Err(ApiError::invalid_parameter("chain_index", "range"));
        }
        (Some(_), None) => return Err(ApiError::invalid_parameter("hash", "required")),
        (None, Some(_)) => return Err(ApiError::invalid_parameter("chain_index", "required")),
        (Some(_), Some(_)) => return Err(ApiError::invalid_parameter("hash", "format")),
    };
    let now = ctx.now();
    let (found, anchor_matches) = ctx
        .read(move |conn| {
            let found = audit::verify(conn)?;
            let matches = match anchor {
                Some((index, hash)) => {
                    Some(audit::hash_at(conn, index)?.is_some_and(|h| h == hash))
                }
                None => None,
            };
            Ok((found, matches))
        })
        .await?;
    Ok(HttpResponse::Ok().json(ChainReport {
        intact: found.first_break.is_none(),
        checked: found.checked,
        head: ChainHead {
            chain_index: found.head_index,
            hash: found.head_hash,
            read_at: now,
        },
        first_break: found.first_break.map(ChainBreak::from),
        anchor_matches,
    }))
}
