//! Publishing a new version of the policy over HTTP: coordinators send the whole document;
//! the use case (`ccms_usecases::publishing::publish_policy`) checks it, stores it under the
//! next version number with its audit entry; it applies to cases filed from then on.

use std::collections::BTreeMap;

use ccms_domain::authority::ledger::ConfirmationWindow;
use ccms_domain::authority::review::ReviewPolicy;
use ccms_domain::collective::SurgeRule;
use ccms_domain::complaint::duplicates::DuplicateWindow;
use ccms_domain::complaint::verdict::VerdictWindow;

use actix_web::http::StatusCode;
use actix_web::http::header::{ETAG, LOCATION};
use actix_web::{HttpRequest, HttpResponse, put, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::authority::ledger::ComplainantShare;
use ccms_domain::calendar::Weekend;
use ccms_domain::complaint::Category;
use ccms_domain::complaint::admissibility::FilingWindow;
use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::limits::{FilingLimits, InfoRequestLimit};
use ccms_domain::complaint::routing::{
    ClockSetting, RoutingPolicy, RoutingRule, default_hearing_notice_hours,
    default_max_fine_poisha, default_max_fine_source,
};
use ccms_usecases::publishing;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::document::{PolicyView, view};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::{IfMatch, IfMatchHeader, JsonBody, etag};
use crate::problem::{ApiError, FieldIssue};

/// The next version of the policy, as a coordinator drafts it: the `document` of
/// `GET /policy`, edited.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PolicyDraft {
    /// The version this draft was edited from; when given it must be the version in force
    /// (like `If-Match`). The new version's number is assigned by the server.
    #[schema(minimum = 1, maximum = 2_147_483_647)]
    #[validate(range(min = 1, max = 2_147_483_647))]
    pub version: Option<u32>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    pub note: String,
    /// Hours before each deadline that its reminder fires (1 to 744).
    #[schema(minimum = 1, maximum = 744)]
    pub reminder_lead_hours: u32,
    /// Every clock's length and source; all seven clocks must be set.
    pub clocks: BTreeMap<ClockKind, ClockSetting>,
    /// Clocks a category runs at its own length, each with its source (none by default).
    #[serde(default)]
    pub category_clocks: BTreeMap<Category, BTreeMap<ClockKind, ClockSetting>>,
    /// The least notice of a hearing, in hours (default 72).
    #[schema(minimum = 1, maximum = 744)]
    pub hearing_notice_hours: Option<u32>,
    /// The highest fine a decision may impose, in poisha (default Tk 3 lakh).
    #[schema(minimum = 0, maximum = 1_000_000_000)]
    pub max_fine_poisha: Option<i64>,
    /// Where the maximum fine comes from (default: the Consumer Rights Protection Act 2009).
    #[schema(max_length = 500)]
    pub max_fine_source: Option<String>,
    /// The weekly days off working-day clocks skip: at most 3, none twice, with the source
    /// (default Friday and Saturday).
    pub weekend: Option<Weekend>,
    /// How many complaints a consumer may file in any 24 hours, in all (1 to 1000) and against
    /// one business (at most that), with the source (default 10 and 3).
    pub filing_limits: Option<FilingLimits>,
    /// How many times a business may ask the consumer for information on one case (1 to 20),
    /// with the source (default 2): each request pauses the clocks.
    pub info_requests: Option<InfoRequestLimit>,
    /// The complainant's part of a collected fine, 1 to 100 percent, with the source (default
    /// 25%, Consumer Rights Protection Act 2009 s.76(4)).
    pub complainant_share: Option<ComplainantShare>,
    /// Days after the incident a complaint may be filed, 1 to 365, with the source (default 30,
    /// Consumer Rights Protection Act 2009 s.60).
    pub filing_window: Option<FilingWindow>,
    /// Days a consumer may stay silent after the business marks an obligation paid before it is
    /// taken as received, 1 to 90, with the source (default 7).
    pub confirmation_window: Option<ConfirmationWindow>,
    /// Days after a case closes that the consumer may give their verdict, 1 to 365, with the
    /// source (default 30).
    pub verdict_window: Option<VerdictWindow>,
    /// Days back intake looks for a likely re-filing by the same consumer against the same
    /// business without an order reference, 1 to 365, with the source (default 30).
    pub duplicate_window: Option<DuplicateWindow>,
    /// When a consumer may ask for a review (days after closing) and how long the reviewer
    /// has, each 1 to 365, with the source (default 30 and 30).
    pub review: Option<ReviewPolicy>,
    /// How many new cases against one business within how many days make a surge (2 to
    /// 1,000,000 over 1 to 90 days), whether its new cases then go straight to the agency,
    /// with the source (default 200 in 7 days, routed to the agency).
    pub surge: Option<SurgeRule>,
    /// Days a closed case keeps its personal data before the worker erases it, 365 to 3650,
    /// with the source; left out, the retention in force is kept (1095 days, three years, as
    /// shipped).
    pub retention: Option<ccms_domain::privacy::Retention>,
    /// Tried in order; the last must have no categories.
    #[validate(length(min = 1, max = 100))]
    pub rules: Vec<RoutingRule>,
}

impl PolicyDraft {
    /// The policy it drafts, with the defaults for what it leaves out; its version is given
    /// when it is published.
    fn into_policy(self) -> RoutingPolicy {
        RoutingPolicy {
            version: 0,
            note: self.note,
            reminder_lead_hours: self.reminder_lead_hours,
            clocks: self.clocks,
            category_clocks: self.category_clocks,
            hearing_notice_hours: self
                .hearing_notice_hours
                .unwrap_or_else(default_hearing_notice_hours),
            max_fine_poisha: self.max_fine_poisha.unwrap_or_else(default_max_fine_poisha),
            max_fine_source: self.max_fine_source.unwrap_or_else(default_max_fine_source),
            weekend: self.weekend.unwrap_or_default(),
            filing_limits: self.filing_limits.unwrap_or_default(),
            info_requests: self.info_requests.unwrap_or_default(),
            complainant_share: self.complainant_share.unwrap_or_default(),
            filing_window: self.filing_window.unwrap_or_default(),
            confirmation_window: self.confirmation_window.unwrap_or_default(),
            verdict_window: self.verdict_window.unwrap_or_default(),
            duplicate_window: self.duplicate_window.unwrap_or_default(),
            review: self.review.unwrap_or_default(),
            surge: self.surge.unwrap_or_default(),
            retention: self.retention.unwrap_or_default(),
            rules: self.rules,
        }
    }
}

/// Publish a new version of the policy
///
/// Coordinators only. The whole document: routing rules (tried in order, the last with no
/// categories), every clock's length (`{"hours": n}` or `{"working_days": n}`) with its
/// source, and the reminder lead. It becomes the next version and applies to cases filed from
/// now on; filed cases keep theirs. A stale `If-Match` (or `version`) answers 412.
#[utoipa::path(operation_id = "publish_policy", tag = "policy", request_body = PolicyDraft,
    params(IfMatchHeader),
    security(("bearer" = [])),
    responses((status = 201, description = "Published", body = PolicyView,
        headers(("ETag" = String), ("Location" = String)))))]
#[put("/policy")]
pub async fn publish_policy(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    if_match: IfMatch,
    body: JsonBody<PolicyDraft>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::ManagePolicy)?;
    if body.0.note.contains('\0') {
        return Err(ApiError::Validation(vec![FieldIssue::new("note", "type")]));
    }
    let edited = if_match.edited_from(body.0.version);
    // Retention left out keeps the one in force: a default could erase years of cases at once.
    let retention = match body.0.retention.is_some() {
        true => publishing::Retention::Given,
        false => publishing::Retention::InForce,
    };
    let (draft, actor, now) = (body.0.into_policy(), actor_of(&caller, &request), ctx.now());
    let (next, by) = ctx
        .transaction(move |conn| {
            Ok(publishing::publish_policy(
                conn,
                (draft, edited, retention),
                &actor,
                now,
            )?)
        })
        .await?;
    ctx.policies.published(&next);
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header((ETAG, etag(i64::from(next.version))))
        .insert_header((
            LOCATION,
            format!("/api/v1/policy/versions/{}", next.version),
        ))
        .json(view(&next, &by)))
}
