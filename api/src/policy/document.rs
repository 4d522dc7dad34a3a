//! Reading the policy: the version in force and any published version, each with its clocks
//! and the admissibility rules, every one with its source.

use actix_web::http::header::ETAG;
use actix_web::{HttpResponse, get, web};
use ccms_domain::calendar::Length;
use ccms_domain::complaint::State;
use ccms_domain::complaint::admissibility::RULES;
use ccms_domain::complaint::clocks::{Breach, CLOCK_RULES};
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_persistence::policy::{self, Publication};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::context::AppContext;
use crate::http::etag;
use crate::problem::ApiError;

/// A published version of the policy: the document itself, and its clocks and admissibility
/// rules spelled out.
#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyView {
    pub version: u32,
    pub published_at: DateTime<Utc>,
    /// The document as published; edit it and send it back with `PUT /policy` to publish the
    /// next version.
    pub document: RoutingPolicy,
    pub clocks: Vec<ClockRuleView>,
    pub admissibility: Vec<RuleView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ClockRuleView {
    pub clock: String,
    /// Calendar hours, or working days (the policy's weekend off, public holidays off).
    pub hours: Option<i64>,
    pub working_days: Option<u32>,
    pub starts_when_state_becomes: State,
    /// `escalate`, `close`, `flag` (recorded for coordinators) or `expire` (a window closes).
    pub on_breach: String,
    /// A reminder fires this many hours before the deadline.
    pub reminder_lead_hours: u32,
    pub source: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RuleView {
    pub code: String,
    pub source: String,
}

pub(super) fn code<T: Serialize>(value: &T) -> String {
    ccms_usecases::moves::code(value).unwrap_or_default()
}

pub fn view(policy: &RoutingPolicy, publication: &Publication) -> PolicyView {
    let clocks = CLOCK_RULES
        .iter()
        .filter_map(|rule| {
            let setting = policy.clocks.get(&rule.kind)?;
            Some(ClockRuleView {
                clock: code(&rule.kind),
                hours: match setting.length {
                    Length::Hours(h) => Some(h),
                    Length::WorkingDays(_) => None,
                },
                working_days: match setting.length {
                    Length::WorkingDays(d) => Some(d),
                    Length::Hours(_) => None,
                },
                starts_when_state_becomes: rule.starts_in,
                on_breach: match rule.on_breach {
                    Breach::Escalate => "escalate",
                    Breach::Close => "close",
                    Breach::Flag => "flag",
                    Breach::Expire => "expire",
                }
                .to_owned(),
                reminder_lead_hours: policy.reminder_lead_hours,
                source: setting.source.clone(),
            })
        })
        .collect();
    PolicyView {
        version: policy.version,
        published_at: publication.published_at,
        document: policy.clone(),
        clocks,
        admissibility: RULES
            .iter()
            .map(|r| RuleView {
                code: r.refusal.code().to_owned(),
                source: r.source.to_owned(),
            })
            .collect(),
    }
}

fn answer(policy: &RoutingPolicy, publication: &Publication) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ETAG, etag(i64::from(policy.version))))
        .json(view(policy, publication))
}

/// The policy in force
///
/// The latest published version: routing rules, clock lengths, the reminder lead and the
/// admissibility rules, each with its source. Public, so anyone can see how cases are handled.
/// The ETag is the version; send it in `If-Match` when publishing the next one.
#[utoipa::path(operation_id = "get_policy", tag = "policy", security(()),
    responses((status = 200, description = "The policy in force", body = PolicyView, headers(("ETag" = String)))))]
#[get("/policy")]
pub async fn get_policy(ctx: web::Data<AppContext>) -> Result<HttpResponse, ApiError> {
    let (policy, publication) = ctx
        .read(|conn| {
            let number = policy::current_version(conn)?.ok_or(ApiError::NotFound)?;
            Ok(policy::find(conn, number)?)
        })
        .await?;
    Ok(answer(&policy, &publication))
}

/// A published version of the policy
///
/// Any version ever published, exactly as it was: each case names the version it was routed
/// under, and its clocks follow that version. Public.
#[utoipa::path(operation_id = "get_policy_version", tag = "policy", security(()),
    params(("version" = u32, Path, description = "Version number, from 1", minimum = 1)),
    responses((status = 200, description = "That version", body = PolicyView, headers(("ETag" = String)))))]
#[get("/policy/versions/{version}")]
pub async fn get_policy_version(
    ctx: web::Data<AppContext>,
    version: web::Path<u32>,
) -> Result<HttpResponse, ApiError> {
    let number = version.into_inner();
    let (policy, publication) = ctx
        .read(move |conn| Ok(policy::find(conn, number)?))
        .await?;
    Ok(answer(&policy, &publication))
}
