use actix_web::{HttpResponse, get, web};
use ccms_domain::access::Relation;
use ccms_domain::complaint::clocks::RunningClock;
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_domain::complaint::{Action, CaseCaller, Complaint, State};
use chrono::{DateTime, Utc};
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
    pub deadline: Option<DateTime<Utc>>,
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
    let explained = Explanation::of(case, (&who, relation), &policy, ctx.now());
    Ok(HttpResponse::Ok().json(explained))
}

impl Explanation {
    /// The case as `who` (standing to it as `relation`) sees it under its own `policy` at `now`.
    fn of(
        case: Complaint,
        (who, relation): (&CaseCaller, Relation),
        policy: &RoutingPolicy,
        now: DateTime<Utc>,
    ) -> Explanation {
        let rule_source = policy
            .rules
            .iter()
            .find(|r| r.id == case.routing.rule)
            .map(|r| r.source.clone());
        let clocks = case
            .clocks
            .0
            .iter()
            .map(|c| ExplainedClock::of(c, policy))
            .collect();
        let routing = case.routing.clone();
        let shown = view(case, who, relation, now, policy);
        Explanation {
            tracking_number: shown.tracking_number,
            state: shown.state,
            policy_version: routing.policy_version,
            rule: routing.rule,
            rule_source,
            escalation_agency: routing.escalation_agency,
            referrals: routing.referrals,
            clocks,
            allowed_actions: shown.allowed_actions,
        }
    }
}

impl ExplainedClock {
    /// A running clock with the source its length has in the case's policy.
    fn of(clock: &RunningClock, policy: &RoutingPolicy) -> ExplainedClock {
        ExplainedClock {
            clock: ccms_usecases::moves::code(&clock.kind).unwrap_or_default(),
            deadline: clock.deadline,
            paused: clock.deadline.is_none(),
            source: policy
                .clocks
                .get(&clock.kind)
                .map(|setting| setting.source.clone())
                .unwrap_or_default(),
        }
    }
}
