//! Trying a draft complaint against the policy in force, storing nothing.

use actix_web::{HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::{Category, Channel, Filing, PaymentMethod, Poisha, Remedy};
use ccms_domain::registry::BusinessStatus;
use ccms_domain::text::Line;
use ccms_persistence::registry::businesses;
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::simulation::Simulation;
use crate::auth::Caller;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::{ApiError, FieldIssue};

/// A draft complaint to try against the policy.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DraftComplaint {
    pub category: Category,
    pub incident_date: NaiveDate,
    /// The business named, if any (its status decides admissibility).
    pub business_id: Option<Uuid>,
    /// When it would be filed (default: now).
    pub filed_at: Option<DateTime<Utc>>,
}

/// A filing with the draft's decisive facts and neutral text, for the admissibility rules.
fn draft_filing(draft: &DraftComplaint) -> Result<Filing, ApiError> {
    Ok(Filing {
        business_id: draft.business_id.unwrap_or_else(Uuid::nil),
        channel: Channel::Web,
        category: draft.category,
        subject: Line::parse("Simulated complaint")?,
        description: Line::parse("A simulated complaint, checked against the policy only.")?,
        order_reference: None,
        order_date: None,
        incident_date: draft.incident_date,
        amount_paid: Poisha::new(0)?,
        amount_claimed: Poisha::new(0)?,
        payment_method: PaymentMethod::Other,
        desired_remedy: Remedy::Other,
        contacted_business_on: None,
        consent_to_publish: false,
    })
}

/// Simulate a complaint
///
/// What the policy in force would do with a draft complaint: admissibility, routing, and every
/// deadline intake would start, with their sources. Nothing is stored. Coordinators only.
#[utoipa::path(operation_id = "simulate_policy", tag = "policy", request_body = DraftComplaint,
    security(("bearer" = [])),
    responses((status = 200, description = "What would happen", body = Simulation)))]
#[post("/policy/simulate")]
pub async fn simulate_policy(
    caller: Caller,
    ctx: web::Data<AppContext>,
    body: JsonBody<DraftComplaint>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ManagePolicy)?;
    let draft = body.0;
    let at = draft.filed_at.unwrap_or_else(|| ctx.now());
    draft.within_calendar(at)?;
    let (policies, calendars) = (ctx.policies.clone(), ctx.calendar.clone());
    let business = draft.business_id;
    let (status, policy, holidays) = ctx
        .read(move |conn| {
            let status = business_status(conn, business)?;
            Ok((status, policies.current(conn)?, calendars.current(conn)?))
        })
        .await?;
    let filing = draft_filing(&draft)?;
    let simulated = Simulation::of((&filing, at), status, &policy, &holidays)?;
    Ok(HttpResponse::Ok().json(simulated))
}

impl DraftComplaint {
    /// Keeps the arithmetic on the calendar within years that exist for it.
    fn within_calendar(&self, at: DateTime<Utc>) -> Result<(), ApiError> {
        let years = 1970..=9999;
        for (field, year) in [
            ("filed_at", chrono::Datelike::year(&at)),
            ("incident_date", chrono::Datelike::year(&self.incident_date)),
        ] {
            if !years.contains(&year) {
                return Err(ApiError::Validation(vec![FieldIssue::new(
                    field,
                    "date_range",
                )]));
            }
        }
        Ok(())
    }
}

/// The status of the business the draft names (none if it is not registered); a draft that
/// names none is judged as against an active one.
fn business_status(
    conn: &mut DbConnection,
    business: Option<Uuid>,
) -> Result<Option<BusinessStatus>, ApiError> {
    let Some(id) = business else {
        return Ok(Some(BusinessStatus::Active));
    };
    match businesses::find(conn, id) {
        Ok(b) => Ok(Some(b.details.status)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}
