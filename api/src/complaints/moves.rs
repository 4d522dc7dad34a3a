//! Moving a case: the lifecycle table decides, the version guards against lost updates.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::complaint::Action;
use ccms_domain::complaint::offer::Remedial;
use ccms_domain::text::Line;
use ccms_persistence::complaints::redress;
use chrono::{DateTime, Utc};

use super::CaseCall;
use super::access::view;
use super::bodies::{ActionBody, ComplaintView};
use crate::complaints::key::CaseKey;
use crate::context::AppContext;
use crate::http::{IfMatch, IfMatchHeader, JsonBody, KeptAnswer, claim_of, etag};
use crate::problem::{ApiError, FieldIssue};
use ccms_usecases::acting::{self, ActCommand, Precondition};
use ccms_usecases::moves::MoveDetails;
use ccms_usecases::stage::OnCase;

/// Act on a case
///
/// One move of the lifecycle (`forward`, `acknowledge`, `request_info`, `provide_info`,
/// `propose_resolution`, `accept`, `reject`, `withdraw`, `escalate`, `assign`,
/// `schedule_hearing`, `decide`, `close`, `reopen`). A move the caller may not make now answers
/// 409 with `allowed_actions`; a stale `If-Match` answers 412 and changes nothing.
#[utoipa::path(
    operation_id = "act_on_complaint",
    tag = "complaints",
    params(CaseKey, IfMatchHeader),
    request_body = ActionBody,
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "Moved", body = ComplaintView, headers(("ETag" = String))))
)]
#[post("/complaints/{key}/actions")]
pub async fn act_on_complaint(
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    if_match: IfMatch,
    body: JsonBody<ActionBody>,
) -> Result<HttpResponse, ApiError> {
    let (now, who) = (ctx.now(), on.who.clone());
    let command = body.0.command(on, if_match.precondition(), now)?;
    let claim = claim_of(&request);
    let answer = ctx
        .use_case(move |conn, books| {
            let (after, relation, policy) = acting::act(conn, command, books, now)?;
            // The answer is kept with the move (see `KeptAnswer`).
            let offer = redress::latest_offer(conn, after.id)?;
            let view = view(after, &who, relation, now, &policy).with_offer(offer);
            KeptAnswer::json(StatusCode::OK, &view)?
                .etag(etag(view.version))
                .kept(conn, claim.as_ref(), now)
        })
        .await?;
    Ok(answer.into_response())
}

impl ActionBody {
    /// The move as the acting use case takes it, on the versions `precondition` admits.
    fn command(
        self,
        on: OnCase,
        precondition: Precondition,
        now: DateTime<Utc>,
    ) -> Result<ActCommand, ApiError> {
        // A hearing and a decision carry records of their own: they are made at their endpoints.
        if matches!(
            self.action,
            Action::ScheduleHearing | Action::CancelHearing | Action::Decide | Action::Merge
        ) {
            return Err(ApiError::Validation(vec![FieldIssue::new(
                "action",
                "has_own_endpoint",
            )]));
        }
        Ok(ActCommand {
            on,
            action: self.action,
            details: self.details(now)?,
            precondition,
        })
    }

    /// The note, decision, officer and remedy the move carries.
    fn details(self, now: DateTime<Utc>) -> Result<MoveDetails, ApiError> {
        let offer = match (self.action, self.remedy) {
            (Action::ProposeResolution, Some(remedy)) => Some(
                Remedial::parse(remedy.kind, remedy.amount_poisha, remedy.promised_by, now)
                    .map_err(|invalid| invalid.under("remedy"))?,
            ),
            (_, Some(_)) => {
                return Err(ApiError::Validation(vec![FieldIssue::new(
                    "remedy",
                    "not_for_this_action",
                )]));
            }
            (_, None) => None,
        };
        // Notes are stored in the timeline's JSON: refuse what PostgreSQL's jsonb cannot hold (NUL).
        let note = self
            .note
            .as_deref()
            .map(Line::<5000>::parse)
            .transpose()
            .map_err(|e| e.at("note"))?;
        Ok(MoveDetails {
            note: note.map(|n| n.as_str().to_owned()),
            decision: self.decision,
            officer_id: self.officer_id,
            offer,
        })
    }
}
