//! Filing a complaint: who files, against whom, whether it is admissible, where it goes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::{Action as Permission, Role};
use ccms_domain::complaint::{Channel, Filing, Poisha};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::text::Line;
use ccms_domain::{Collector, Invalid};
use uuid::Uuid;

use super::access::{case_caller, view};
use super::bodies::{ComplaintBody, ComplaintView};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::{JsonBody, KeptAnswer, deferred_claim_of, etag};
use crate::problem::{ApiError, FieldIssue};
use ccms_domain::complaint::CaseCaller;
use ccms_domain::delivery::notice::Language;
use ccms_domain::intake::IntakeCode;
use ccms_usecases::Actor;
use ccms_usecases::dispatch::WebhookKey;
use ccms_usecases::filing::{self, FilingCommand, RespondentRef};
use ccms_usecases::intake::IntakeSecret;

impl ComplaintBody {
    /// The filing use case's command: a partner files for its customer by phone, on the
    /// `partner` channel; an intake operator for a caller by phone, on the channel the caller
    /// used, held until the caller confirms it with the code `key` keeps; a consumer for
    /// themselves, on the channel they name.
    fn command(
        self,
        (who, actor): (CaseCaller, Actor),
        accept_language: Language,
        key: &WebhookKey,
    ) -> Result<FilingCommand, ApiError> {
        let for_someone = matches!(who.role, Role::Partner | Role::IntakeOperator);
        let channel = Channel::for_filer(who.role, self.channel)
            .map_err(|rule| one_issue("channel", rule))?;
        let customer_phone = match (&self.consumer_phone, for_someone) {
            (Some(raw), true) => Some(PhoneNumber::parse(raw).map_err(|e| e.at("consumer_phone"))?),
            (None, true) => return Err(one_issue("consumer_phone", "required")),
            (Some(_), false) => return Err(one_issue("consumer_phone", "partners_only")),
            (None, false) => None,
        };
        let intake = (who.role == Role::IntakeOperator)
            .then(|| -> Result<IntakeSecret, ApiError> {
                let mut random = [0u8; 4];
                getrandom::fill(&mut random)
                    .map_err(|e| ApiError::Internal(format!("random code: {e}")))?;
                Ok(IntakeSecret {
                    code: IntakeCode::from_random(u32::from_le_bytes(random)),
                    key: key.clone(),
                })
            })
            .transpose()?;
        let contact_email = self
            .consumer_email
            .as_deref()
            .map(ccms_domain::contact::Email::parse)
            .transpose()
            .map_err(|e| e.at("consumer_email"))?;
        Ok(FilingCommand {
            who,
            actor,
            respondent: self.business_ref()?,
            filing: self.filing(channel)?,
            customer_phone,
            language: self.notify_language.unwrap_or(accept_language),
            contact_email,
            intake,
        })
    }

    fn business_ref(&self) -> Result<RespondentRef, ApiError> {
        match (self.business_id, &self.business_dbid, &self.business_domain) {
            (Some(id), None, None) => Ok(RespondentRef::Id(id)),
            (None, Some(dbid), None) => Ok(RespondentRef::Dbid(dbid.clone())),
            (None, None, Some(domain)) => Ok(RespondentRef::Domain(domain.clone())),
            _ => Err(ApiError::Validation(vec![FieldIssue::new(
                "business_id",
                "one_business_reference",
            )])),
        }
    }

    /// The filing, for a business that `resolve` finds (nil id when none is registered).
    fn filing(&self, channel: Channel) -> Result<Filing, Invalid> {
        let mut errors = Collector::default();
        let subject = errors.take("subject", Line::parse(&self.subject));
        let description = errors.take("description", Line::parse(&self.description));
        let order_reference = errors.take(
            "order_reference",
            self.order_reference.as_deref().map(Line::parse).transpose(),
        );
        let paid = errors.take("amount_paid", Poisha::new(self.amount_paid));
        let claimed = errors.take("amount_claimed", Poisha::new(self.amount_claimed));
        let dates = [
            ("incident_date", Some(self.incident_date)),
            ("order_date", self.order_date),
            ("contacted_business_on", self.contacted_business_on),
        ];
        let mut dates_ok = Some(());
        for (field, date) in dates {
            if errors.take(field, date.map_or(Ok(()), plausible)).is_none() {
                dates_ok = None;
            }
        }
        let (
            Some(subject),
            Some(description),
            Some(order_reference),
            Some(amount_paid),
            Some(amount_claimed),
            Some(()),
        ) = (
            subject,
            description,
            order_reference,
            paid,
            claimed,
            dates_ok,
        )
        else {
            return Err(errors.into_invalid());
        };
        Ok(Filing {
            business_id: Uuid::nil(),
            channel,
            category: self.category,
            subject,
            description,
            order_reference,
            order_date: self.order_date,
            incident_date: self.incident_date,
            amount_paid,
            amount_claimed,
            payment_method: self.payment_method,
            desired_remedy: self.desired_remedy,
            contacted_business_on: self.contacted_business_on,
            consent_to_publish: self.consent_to_publish,
        })
    }
}

/// The filing's answer: the case, with (in development, for an operator's filing) the code the
/// caller received, after the case's own fields.
#[derive(serde::Serialize)]
struct Filed<'a> {
    #[serde(flatten)]
    view: &'a ComplaintView,
    #[serde(skip_serializing_if = "Option::is_none")]
    dev_code: Option<String>,
}

fn one_issue(field: &str, rule: &'static str) -> ApiError {
    ApiError::Validation(vec![FieldIssue::new(field, rule)])
}

/// A date an online purchase can have: from 1970 to 9999 (outside, the databases and the
/// calendar arithmetic would fail).
fn plausible(date: chrono::NaiveDate) -> Result<(), Invalid> {
    if (1970..=9999).contains(&chrono::Datelike::year(&date)) {
        Ok(())
    } else {
        Err(Invalid::field("", "date_range"))
    }
}

/// File a complaint
///
/// By a consumer, by a partner for its customer (`consumer_phone`), or by an intake operator
/// for a caller (`consumer_phone`, `channel` `hotline`, `walk_in`, `email` or `post`). An
/// operator's filing is held in `submitted`: the caller receives an SMS with the tracking number
/// and a six-digit code, and the case goes to the business only once confirmed with it
/// (`POST /complaints/{key}/confirmation`, or the code sent back by SMS); unconfirmed within the
/// policy's `intake_confirmation` clock (7 days) it closes `unverified`. In development the
/// operator's answer also carries the code as `dev_code` (the SMS goes to the log). The complaint must pass
/// the admissibility rules (each refusal is a 422 naming its rule and legal source); an open
/// case of the same consumer against the same business for the same order answers 409 with a
/// pointer to it (named only to a caller who may read it). A partner files only against its own
/// marketplace or a seller registered under it (403 `outside_filing_scope`). One consumer files
/// at most the policy's `filing_limits` (10 in any 24 hours, 3 against one business): past them
/// 429 `filing_limit_reached` or `business_filing_limit_reached` with `Retry-After`. The routing
/// policy decides where the case goes; the decision is recorded.
#[utoipa::path(
    operation_id = "file_complaint",
    tag = "complaints",
    request_body = ComplaintBody,
    security(("bearer" = []), ("partner" = [])),
    responses((status = 201, description = "Filed and routed", body = ComplaintView,
        headers(("ETag" = String), ("Location" = String))))
)]
#[post("/complaints")]
pub async fn file_complaint(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    metrics: web::Data<crate::http::Metrics>,
    key: web::Data<WebhookKey>,
    body: JsonBody<ComplaintBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::FileComplaint)?;
    let who = case_caller(&caller);
    let language = crate::problem::Language::of(&request).notice_language();
    let filer = (who.clone(), actor_of(&caller, &request));
    let command = body.0.command(filer, language, &key)?;
    let channel = command.filing.channel;
    // Development shows the caller's code in the answer, as it shows a one-time code.
    let dev_code = command
        .intake
        .as_ref()
        .filter(|_| ctx.development)
        .map(|secret| secret.code.as_str().to_owned());
    let (now, key) = (ctx.now(), deferred_claim_of(&request));
    let answer = ctx
        .use_case(move |conn, books| {
            if let Some(earlier) = key
                .as_ref()
                .map(|k| k.take(conn, now))
                .transpose()?
                .flatten()
            {
                return Ok(earlier);
            }
            let claim = key.map(|k| k.held(now));
            filing::file(conn, command, books, now, |case, policy, batch| {
                // The answer is kept with the filing (see `KeptAnswer`).
                let (id, relation) = (case.id, case.relation(&who));
                let view = view(case.clone(), &who, relation, now, policy);
                let body = Filed {
                    view: &view,
                    dev_code,
                };
                KeptAnswer::json(StatusCode::CREATED, &body)
                    .map(|a| a.etag(etag(view.version)))
                    .map(|a| a.location(format!("/api/v1/complaints/{id}")))
                    .map(|a| a.kept_in(batch, claim, now))
            })
        })
        .await?;
    if !answer.replayed() {
        metrics.count_intake(&ccms_usecases::moves::code(&channel).unwrap_or_default());
    }
    Ok(answer.into_response())
}
