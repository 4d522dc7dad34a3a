//! The chain's head, and verifying the chain.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::Action as Permission;
use ccms_persistence::audit::{self, Linking};
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::{ChainBreak, ChainHead, ChainReport};
use crate::auth::Caller;
use crate::context::AppContext;
use crate::problem::ApiError;

/// The audit chain's head
///
/// Its last position and hash, after linking the entries committed a moment ago (entries are
/// linked just after their write commits). An outside party (a court, the Comptroller, a newspaper) keeps
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
    let (chain_index, hash) = ctx
        .transaction(|conn| {
            audit::link_pending(conn, Linking::Wait)?;
            Ok(audit::head(conn)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ChainHead {
        chain_index,
        hash,
        read_at: now,
    }))
}

/// An anchor: a chain position and the hash kept for it, as `N:hash`.
pub const ANCHOR_PATTERN: &str = "^[1-9][0-9]{0,17}:[0-9a-f]{64}$";

/// The position and hash of an anchor, if `text` is one.
fn anchor_of(text: &str) -> Option<(i64, String)> {
    let (index, hash) = text.split_once(':')?;
    let well_formed = (1..=18).contains(&index.len())
        && !index.starts_with('0')
        && index.bytes().all(|b| b.is_ascii_digit())
        && hash.len() == 64
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    well_formed
        .then(|| Some((index.parse().ok()?, hash.to_owned())))
        .flatten()
}

/// An anchor kept outside.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnchorQuery {
    /// `N:hash`: a position and the hash `GET /audit/head` gave for it.
    #[param(required = false, value_type = String, pattern = "^[1-9][0-9]{0,17}:[0-9a-f]{64}$")]
    anchor: Option<String>,
}

/// Verify the audit chain
///
/// Links the entries committed a moment ago, then walks every entry in chain order,
/// recomputing each hash from the entry and the one before, and reports the first broken
/// link: an edited entry, a deleted one, or a reordering. Entries committed after that linking
/// are counted as `pending`. With `anchor` (a position and hash kept outside, `N:hash`), also
/// says whether the chain still has that hash there.
#[utoipa::path(operation_id = "verify_audit", tag = "audit", params(AnchorQuery), security(("bearer" = [])),
    responses((status = 200, description = "What the walk found", body = ChainReport)))]
#[get("/audit/verify")]
pub async fn verify_audit(
    caller: Caller,
    ctx: web::Data<AppContext>,
    query: web::Query<AnchorQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ReadAudit)?;
    let anchor = match query.anchor.as_deref() {
        None => None,
        Some(text) => {
            Some(anchor_of(text).ok_or_else(|| ApiError::invalid_parameter("anchor", "format"))?)
        }
    };
    let now = ctx.now();
    ctx.transaction(|conn| Ok(audit::link_pending(conn, Linking::Wait)?))
        .await?;
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
        pending: found.pending,
        anchor_matches,
    }))
}
