use actix_web::{HttpResponse, get, web};
use ccms_domain::complaint::{Action, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::complaints::CaseCall;
use crate::complaints::access::{load_visible, view};
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::problem::ApiError;

/// Why a case stands where it does.
#[derive(Debug, Serialize, ToSchema)]
pub struct Explanation {
    pub tracking_number: String,
    pub state: State,
    /// The routing rule that fired, under which policy version, and its source.
    pub policy_version: u32,
    pub rule: String,
    pub rule_source: Option<String>,
    pub escalation_agency: String,
    pub referrals: Vec<String>,
    /// Each running clock, its deadline and the law behind it.
    pub clocks: Vec<ExplainedClock>,
    /// What the caller may do now.
    pub allowed_actions: Vec<Action>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExplainedClock {
    pub clock: String,
    pub deadline: Option<chrono::DateTime<chrono::Utc>>,
    pub paused: bool,
    pub source: String,
}

/// Explain a case
///
/// Which rule of which policy version put the case where it is, the clocks running on it with
/// their legal sources, and what the caller may do next.
#[utoipa::path(operation_id = "explain_complaint", tag = "policy", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The explanation", body = Explanation)))]
#[get("/complaints/{key}/explain")]
pub async fn explain_complaint(
    CaseCall { caller: _, on }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let who = on.who.clone();
    let (case, relation, policy) = {
        let policies = ctx.policies.clone();
        ctx.read(move |conn| {
            let (case, relation) = load_visible(conn, &on.key, &on.who)?;
            let policy = policies.of_case(conn, case.routing.policy_version)?;
            Ok((case, relation, policy))
        })
        .await?
    };
    let rule_source = policy
        .rules
        .iter()
        .find(|r| r.id == case.routing.rule)
        .map(|r| r.source.clone());
    let clocks = case
        .clocks
        .0
        .iter()
        .map(|c| ExplainedClock {
            clock: ccms_usecases::moves::code(&c.kind).unwrap_or_default(),
            deadline: c.deadline,
            paused: c.deadline.is_none(),
            source: policy
                .clocks
                .get(&c.kind)
                .map(|setting| setting.source.clone())
                .unwrap_or_default(),
        })
        .collect();
    let routing = case.routing.clone();
    let shown = view(case, &who, relation, ctx.now(), &policy);
    Ok(HttpResponse::Ok().json(Explanation {
        tracking_number: shown.tracking_number,
        state: shown.state,
        policy_version: routing.policy_version,
        rule: routing.rule,
        rule_source,
        escalation_agency: routing.escalation_agency,
        referrals: routing.referrals,
        clocks,
        allowed_actions: shown.allowed_actions,
    }))
}
