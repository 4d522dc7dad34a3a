//! Reading the audit log.

use actix_web::{HttpResponse, get, web};
use ccms_domain::access::Action as Permission;
use ccms_persistence::audit::{self, AuditFilter};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use super::bodies::AuditEntryView;
use crate::auth::Caller;
use crate::context::AppContext;
use crate::problem::ApiError;
use crate::registry::{Page, PageQuery};

/// Filters on the audit log; they combine with AND.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditSearch {
    /// Who: an account id, a partner client id, or `system`.
    #[param(required = false, value_type = String, max_length = 100, pattern = r"^[^\x00]*$")]
    actor: Option<String>,
    /// What: `complaint.act`, `business.create`, ...
    #[param(required = false, value_type = String, max_length = 100, pattern = r"^[^\x00]*$")]
    action: Option<String>,
    #[param(required = false, value_type = String, max_length = 100, pattern = r"^[^\x00]*$")]
    target_type: Option<String>,
    #[param(required = false, value_type = String, max_length = 100, pattern = r"^[^\x00]*$")]
    target_id: Option<String>,
    /// At or after this instant.
    #[param(required = false, value_type = DateTime<Utc>)]
    from: Option<DateTime<Utc>>,
    /// Before this instant.
    #[param(required = false, value_type = DateTime<Utc>)]
    until: Option<DateTime<Utc>>,
}

impl AuditSearch {
    fn filter(&self) -> Result<AuditFilter, ApiError> {
        let fields = [
            ("actor", &self.actor),
            ("action", &self.action),
            ("target_type", &self.target_type),
            ("target_id", &self.target_id),
        ];
        for (name, value) in fields {
            if value.as_ref().is_some_and(|v| v.chars().count() > 100) {
                return Err(ApiError::invalid_parameter(name, "length"));
            }
            if value.as_ref().is_some_and(|v| v.contains('\0')) {
                return Err(ApiError::invalid_parameter(name, "nul_character"));
            }
        }
        // Instants are kept within 1970-9999, which both databases store; any other a caller
        // sends is moved to the nearer end.
        let clamp = |at: Option<DateTime<Utc>>| {
            let earliest = chrono::TimeZone::with_ymd_and_hms(&Utc, 1970, 1, 1, 0, 0, 0).single();
            let latest = chrono::TimeZone::with_ymd_and_hms(&Utc, 9999, 1, 1, 0, 0, 0).single();
            at.map(|t| t.clamp(earliest.unwrap_or(t), latest.unwrap_or(t)))
        };
        Ok(AuditFilter {
            actor: self.actor.clone(),
            action: self.action.clone(),
            target_type: self.target_type.clone(),
            target_id: self.target_id.clone(),
            from: clamp(self.from),
            until: clamp(self.until),
        })
    }
}

/// The audit log
///
/// Every write, and every staff read of personal data: who, in which role, what, on which
/// record, when, under which request, with a digest of the change and its links in the hash
/// chain. In chain order, so paging never misses an entry committed late; entries are listed
/// once linked (what was waiting is linked first). Auditors and coordinators.
#[utoipa::path(operation_id = "list_audit", tag = "audit", params(AuditSearch, PageQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of entries", body = Page<AuditEntryView>)))]
#[get("/audit")]
pub async fn list_audit(
    caller: Caller,
    ctx: web::Data<AppContext>,
    search: web::Query<AuditSearch>,
    page: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ReadAudit)?;
    let (filter, page) = (search.filter()?, page.request()?);
    ctx.transaction(|conn| Ok(audit::link_pending(conn, audit::Linking::Wait)?))
        .await?;
    let found = ctx
        .read(move |conn| Ok(audit::list(conn, &filter, &page)?))
        .await?;
    Ok(HttpResponse::Ok().json(Page::from(found, AuditEntryView::from)))
}
