//! Reviews of how a case ended: asked for by its consumer, decided by the reviewer the rule
//! picked (never the officer who decided the case).

use actix_web::{HttpResponse, get, post, web};
use ccms_domain::authority::review::{Review, ReviewResult};
use ccms_domain::complaint::{Outcome, Poisha};
use ccms_persistence::authority::reviews as stored;
use ccms_usecases::reviewing::{self, ReviewDecision};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::complaints::CaseCall;
use crate::complaints::access::load_visible;
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{JsonBody, text};
use crate::problem::ApiError;

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    /// What the consumer says went wrong, at most 2,000 characters.
    #[schema(
        min_length = 1,
        max_length = 2000,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    #[validate(length(max = 2000))]
    pub reason: String,
}

/// What the reviewer found: `upheld` or `dismissed` keep the earlier outcome, `varied` names
/// the outcome that replaces it and may order compensation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "result", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReviewDecisionBody {
    Upheld {
        #[schema(
            min_length = 1,
            max_length = 5000,
            pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
        )]
        reasons: String,
    },
    Dismissed {
        #[schema(
            min_length = 1,
            max_length = 5000,
            pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
        )]
        reasons: String,
    },
    Varied {
        outcome: VariedOutcome,
        /// Compensation the business now owes the consumer, in poisha.
        #[schema(minimum = 0)]
        compensation_poisha: Option<i64>,
        #[schema(
            min_length = 1,
            max_length = 5000,
            pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
        )]
        reasons: String,
    },
}

/// The outcomes a varied review may set.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VariedOutcome {
    DecidedUpheld,
    DecidedDismissed,
    SettledAtHearing,
}

impl validator::Validate for ReviewDecisionBody {
    /// Texts are checked when parsed (`text`).
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        Ok(())
    }
}

/// Ask for a review
///
/// The consumer, on a closed case resolved by the business or decided, which they judged
/// unresolved or rated 1 or 2 (`409 no_ground_for_review` otherwise), within the policy's
/// `review.window_days` (30) of closing (`409 window_closed`). Once per case. A DNCRP officer
/// other than the one who decided reviews it within `review.decide_within_days` (`due_at`).
#[utoipa::path(operation_id = "ask_review", tag = "authority", params(CaseKey),
    request_body = ReviewBody, security(("bearer" = [])),
    responses((status = 201, description = "Asked", body = Review)))]
#[post("/complaints/{key}/review")]
pub async fn ask_review(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<ReviewBody>,
) -> Result<HttpResponse, ApiError> {
    let reason = text::<2000>("reason", Some(&body.0.reason))?;
    let now = ctx.now();
    let asked = ctx
        .use_case(move |conn, books| Ok(reviewing::ask(conn, on, reason, books, now)?))
        .await?;
    Ok(HttpResponse::Created().json(asked))
}

/// A case's review
///
/// Whoever may read the case; 404 until one is asked for.
#[utoipa::path(operation_id = "get_review", tag = "authority", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The review", body = Review)))]
#[get("/complaints/{key}/review")]
pub async fn get_review(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let found = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            Ok(stored::find(conn, case.id)?)
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(found))
}

/// Decide a review
///
/// The reviewer only: `upheld` or `dismissed` keep the earlier outcome; `varied` replaces it
/// with `outcome` and may order `compensation_poisha` (a new obligation on the ledger).
#[utoipa::path(operation_id = "decide_review", tag = "authority", params(CaseKey),
    request_body = ReviewDecisionBody, security(("bearer" = [])),
    responses((status = 200, description = "Decided", body = Review)))]
#[post("/complaints/{key}/review/decision")]
pub async fn decide_review(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    body: JsonBody<ReviewDecisionBody>,
) -> Result<HttpResponse, ApiError> {
    let decision = body.0.parse()?;
    let now = ctx.now();
    let decided = ctx
        .use_case(move |conn, books| Ok(reviewing::decide(conn, on, decision, books, now)?))
        .await?;
    Ok(HttpResponse::Ok().json(decided))
}

impl ReviewDecisionBody {
    fn parse(self) -> Result<ReviewDecision, ApiError> {
        let (result, outcome, compensation, reasons) = match self {
            ReviewDecisionBody::Upheld { reasons } => (ReviewResult::Upheld, None, 0, reasons),
            ReviewDecisionBody::Dismissed { reasons } => {
                (ReviewResult::Dismissed, None, 0, reasons)
            }
            ReviewDecisionBody::Varied {
                outcome,
                compensation_poisha,
                reasons,
            } => {
                let outcome = match outcome {
                    VariedOutcome::DecidedUpheld => Outcome::DecidedUpheld,
                    VariedOutcome::DecidedDismissed => Outcome::DecidedDismissed,
                    VariedOutcome::SettledAtHearing => Outcome::SettledAtHearing,
                };
                let compensation = compensation_poisha.unwrap_or(0);
                (ReviewResult::Varied, Some(outcome), compensation, reasons)
            }
        };
        let compensation =
            Poisha::new(compensation).map_err(|e| ApiError::from(e.at("compensation_poisha")))?;
        Ok(ReviewDecision {
            result,
            outcome,
            compensation,
            reasons: text::<5000>("reasons", Some(&reasons))?,
        })
    }
}
