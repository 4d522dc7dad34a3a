//! Trying a draft complaint against the policy in force, storing nothing.

use actix_web::{HttpResponse, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::admissibility::{self, IntakeContext};
use ccms_domain::complaint::clocks::{CLOCK_RULES, Timing};
use ccms_domain::complaint::routing::{FirstHandler, Priority};
use ccms_domain::complaint::{Category, Channel, Filing, PaymentMethod, Poisha, Remedy, State};
use ccms_domain::text::Line;
use ccms_persistence::registry::businesses;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::document::{RuleView, code};
use crate::auth::Caller;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

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

#[derive(Debug, Serialize, ToSchema)]
pub struct Simulation {
    pub admissible: bool,
    /// The rule that would refuse it, if one would.
    pub refused_by: Option<RuleView>,
    pub policy_version: u32,
    pub rule: String,
    pub first_handler: FirstHandler,
    pub escalation_agency: String,
    pub referrals: Vec<String>,
    pub priority: Priority,
    /// The clocks intake would start, with their deadlines.
    pub deadlines: Vec<SimulatedDeadline>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SimulatedDeadline {
    pub clock: String,
    pub deadline: DateTime<Utc>,
    pub source: String,
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
    // Keep the arithmetic on the calendar within years that exist for it.
    let years = 1970..=9999;
    for (field, year) in [
        ("filed_at", chrono::Datelike::year(&at)),
        (
            "incident_date",
            chrono::Datelike::year(&draft.incident_date),
        ),
    ] {
        if !years.contains(&year) {
            return Err(ApiError::Validation(vec![crate::problem::FieldIssue::new(
                field,
                "date_range",
            )]));
        }
    }
    let (policies, calendars) = (ctx.policies.clone(), ctx.calendar.clone());
    let business = draft.business_id;
    let (status, policy, holidays) = ctx
        .read(move |conn| {
            let status = match business {
                Some(id) => match businesses::find(conn, id) {
                    Ok(b) => Some(b.details.status),
                    Err(ccms_persistence::StoreError::NotFound) => None,
                    Err(other) => return Err(other.into()),
                },
                None => Some(ccms_domain::registry::BusinessStatus::Active),
            };
            Ok((status, policies.current(conn)?, calendars.current(conn)?))
        })
        .await?;
    let context = IntakeContext {
        business: status,
        now: at,
        filing_window_days: policy.filing_window.days,
    };
    let refused_by = admissibility::check(&draft_filing(&draft)?, &context)
        .err()
        .map(|r| RuleView {
            code: r.refusal.code().to_owned(),
            source: r.source.to_owned(),
        });
    let routing = policy
        .route(draft.category)
        .ok_or_else(|| ApiError::Internal("no routing rule".into()))?;
    let entered = match routing.first_handler {
        FirstHandler::Business => State::WithBusiness,
        FirstHandler::Agency => State::Escalated,
    };
    let timing = Timing::new(&holidays, &policy).of_category(draft.category);
    let deadlines = CLOCK_RULES
        .iter()
        .filter(|rule| rule.starts_in == entered)
        .map(|rule| SimulatedDeadline {
            clock: code(&rule.kind),
            deadline: timing.deadline(rule.kind, at),
            source: timing.source(rule.kind).to_owned(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(Simulation {
        admissible: refused_by.is_none(),
        refused_by,
        policy_version: routing.policy_version,
        rule: routing.rule,
        first_handler: routing.first_handler,
        escalation_agency: routing.escalation_agency,
        referrals: routing.referrals,
        priority: routing.priority,
        deadlines,
    }))
}
