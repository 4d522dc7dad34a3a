//! Filing a complaint: who files, against whom, whether it is admissible, where it goes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::filing::may_file_against;
use ccms_domain::access::{Action as Permission, Role};
use ccms_domain::complaint::admissibility::{self, IntakeContext, dhaka_today};
use ccms_domain::complaint::clocks::{Clocks, Timing};
use ccms_domain::complaint::routing::FirstHandler;
use ccms_domain::complaint::{Action, Channel, Complaint, Filing, Poisha, Side, State, attempt};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::registry::{Business, Dbid, WebDomain};
use ccms_domain::text::Line;
use ccms_domain::{Collector, Invalid};
use ccms_persistence::complaints::events::Event;
use ccms_persistence::complaints::{self as stored, next_tracking_number};
use ccms_persistence::identity::accounts;
use ccms_persistence::journal::Journal;
use ccms_persistence::registry::businesses::{self, BusinessFilter};
use ccms_persistence::{DbConnection, PageRequest, StoreError};
use chrono::Datelike;
use serde_json::json;
use uuid::Uuid;

use super::access::{case_caller, load_visible, respondent, view};
use super::bodies::{ComplaintBody, ComplaintView};
use crate::auth::Caller;
use crate::context::{AppContext, actor_of};
use crate::http::{JsonBody, KeptAnswer, claim_of, etag};
use crate::problem::{ApiError, FieldIssue};

/// How the body names the respondent.
enum BusinessRef {
    Id(Uuid),
    Dbid(String),
    Domain(String),
}

impl ComplaintBody {
    fn business_ref(&self) -> Result<BusinessRef, ApiError> {
        match (self.business_id, &self.business_dbid, &self.business_domain) {
            (Some(id), None, None) => Ok(BusinessRef::Id(id)),
            (None, Some(dbid), None) => Ok(BusinessRef::Dbid(dbid.clone())),
            (None, None, Some(domain)) => Ok(BusinessRef::Domain(domain.clone())),
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

/// A date an online purchase can have: from 1970 to 9999 (outside, the databases and the
/// calendar arithmetic would fail).
fn plausible(date: chrono::NaiveDate) -> Result<(), Invalid> {
    if (1970..=9999).contains(&chrono::Datelike::year(&date)) {
        Ok(())
    } else {
        Err(Invalid::field("", "date_range"))
    }
}

fn resolve(conn: &mut DbConnection, reference: &BusinessRef) -> Result<Option<Business>, ApiError> {
    let filter = match reference {
        BusinessRef::Id(id) => {
            return match businesses::find(conn, *id) {
                Err(StoreError::NotFound) => Ok(None),
                other => Ok(Some(other?)),
            };
        }
        BusinessRef::Dbid(raw) => match Dbid::parse(raw) {
            Ok(dbid) => BusinessFilter {
                dbid: Some(dbid),
                ..BusinessFilter::default()
            },
            Err(_) => return Ok(None),
        },
        BusinessRef::Domain(raw) => match WebDomain::parse(raw) {
            Ok(domain) => BusinessFilter {
                web_domain: Some(domain),
                ..BusinessFilter::default()
            },
            Err(_) => return Ok(None),
        },
    };
    Ok(businesses::list(conn, &filter, &PageRequest::default())?
        .items
        .into_iter()
        .next())
}

/// File a complaint
///
/// By a consumer, or by a partner for its customer (`consumer_phone`). The complaint must pass
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
    body: JsonBody<ComplaintBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Permission::FileComplaint)?;
    let body = body.0;
    let reference = body.business_ref()?;
    let partner = caller.role() == Role::Partner;
    let channel = if partner {
        Channel::Partner
    } else {
        body.channel
            .filter(|c| *c != Channel::Partner)
            .unwrap_or(Channel::App)
    };
    let phone = match (&body.consumer_phone, partner) {
        (Some(raw), true) => Some(PhoneNumber::parse(raw).map_err(|e| e.at("consumer_phone"))?),
        (None, true) => {
            return Err(ApiError::Validation(vec![FieldIssue::new(
                "consumer_phone",
                "required",
            )]));
        }
        (Some(_), false) => {
            return Err(ApiError::Validation(vec![FieldIssue::new(
                "consumer_phone",
                "partners_only",
            )]));
        }
        (None, false) => None,
    };
    let mut filing = body.filing(channel)?;
    let contact_email = body
        .consumer_email
        .as_deref()
        .map(ccms_domain::contact::Email::parse)
        .transpose()
        .map_err(|e| e.at("consumer_email"))?;
    let language = body
        .notify_language
        .unwrap_or(crate::problem::Language::of(&request).notice_language());
    let who = case_caller(&caller);
    let (actor, now, policies) = (actor_of(&caller, &request), ctx.now(), ctx.policies.clone());
    let calendar = ctx.calendar.clone();
    let actor_id = actor.id.clone();
    let claim = claim_of(&request);
    let filed = ctx
        .write(
            move |conn| {
                let business = resolve(conn, &reference)?;
                if let Some(named) = &business
                    && !may_file_against(who.role, who.business_id, respondent(named))
                {
                    return Err(ApiError::OutsideFilingScope);
                }
                filing.business_id = business.as_ref().map_or(Uuid::nil(), |b| b.id);
                let policy = policies.current(conn)?;
                let context = IntakeContext {
                    business: business.map(|b| b.details.status),
                    now,
                    filing_window_days: policy.filing_window.days,
                };
                admissibility::check(&filing, &context).map_err(|refused| {
                    ApiError::Inadmissible {
                        refusal: refused.refusal,
                        legal_source: refused.source,
                    }
                })?;
                let consumer = match phone {
                    Some(phone) => accounts::consumer_for_phone(conn, &phone, now)?,
                    None => accounts::find(conn, who.account_id.ok_or(ApiError::NotFound)?)?,
                };
                let consumer_phone = consumer.phone.clone().ok_or(ApiError::Forbidden)?;
                if let Some(order) = &filing.order_reference
                    && let Some((id, _)) = stored::find_open_duplicate(
                        conn,
                        consumer.id,
                        filing.business_id,
                        order.as_str(),
                    )?
                {
                    // Named only to a caller who may read it: a 409 must not tell anyone else
                    // which case a phone number has open against a business.
                    let existing = load_visible(conn, &id.to_string(), &who)
                        .ok()
                        .map(|(case, _)| (case.id, case.tracking_number.as_str().to_owned()));
                    return Err(ApiError::DuplicateComplaint { existing });
                }
                super::filing_limits::check(conn, &policy, consumer.id, filing.business_id, now)?;
                let routing = policy
                    .route(filing.category)
                    .ok_or_else(|| ApiError::Internal("routing policy has no rule".into()))?;
                // The year's number last, after every refusal, so refusals use no number.
                let tracking_number = next_tracking_number(conn, dhaka_today(now).year())?;
                let mut complaint = Complaint {
                    id: Uuid::now_v7(),
                    tracking_number,
                    consumer_id: consumer.id,
                    consumer_phone,
                    pushed_by: who.client_id.clone(),
                    filing,
                    routing,
                    state: State::Submitted,
                    waiting_on_consumer: false,
                    outcome: None,
                    closed_at: None,
                    escalated_at: None,
                    first_response_at: None,
                    reopened_at: None,
                    info_requests: 0,
                    clocks: Clocks::default(),
                    assigned_officer: None,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                };
                let first = match complaint.routing.first_handler {
                    FirstHandler::Business => Action::Forward,
                    FirstHandler::Agency => Action::Escalate,
                };
                let moved =
                    attempt(&complaint.facts(&policy), first, Side::System, now).map_err(|_| {
                        ApiError::Internal("intake move refused by the lifecycle".into())
                    })?;
                let timing = Timing::new(&calendar.current(conn)?, &policy);
                let (clocks, started) = Clocks::default().after_move(
                    (State::Submitted, moved.to, first),
                    moved.waiting,
                    now,
                    &timing,
                );
                complaint.state = moved.to;
                complaint.escalated_at = (moved.to == State::Escalated).then_some(now);
                complaint.clocks = clocks;
                let stored = stored::insert(conn, &complaint)?;
                stored::contacts::save(
                    conn,
                    stored.id,
                    language,
                    contact_email.as_ref().map(|e| e.as_str()),
                )?;
                let mut journal = Journal::default();
                record_intake(&mut journal, &stored, &who.role, &actor_id, first);
                ccms_usecases::moves::clock_events::record(
                    &mut journal,
                    &stored,
                    &started,
                    now,
                    &timing,
                );
                journal
                    .outbox
                    .push(ccms_usecases::moves::announce::created(&stored, now));
                if stored.escalated_at.is_some() {
                    ccms_usecases::moves::on_first_escalation(&mut journal, &stored, now);
                }
                journal.write(conn)?;
                // The answer is kept with the filing (see `KeptAnswer`).
                let relation = stored.relation(&who);
                let id = stored.id;
                let view = view(stored, &who, relation, now, &policy);
                let answer = KeptAnswer::json(StatusCode::CREATED, &view)?
                    .etag(etag(view.version))
                    .location(format!("/api/v1/complaints/{id}"))
                    .kept(conn, claim.as_ref(), now)?;
                Ok((id, answer))
            },
            move |(id, _)| actor.entry(now, "complaint.file", "complaint", *id),
        )
        .await?;
    metrics.count_intake(&ccms_usecases::moves::code(&channel).unwrap_or_default());
    Ok(filed.1.into_response())
}

/// The first three entries of every timeline: filed, routed, and the routing move.
fn record_intake(journal: &mut Journal, case: &Complaint, role: &Role, actor: &str, first: Action) {
    let at = case.created_at;
    let entry = |actor: &str, role: &str, kind: &str| Event {
        seq: 0,
        complaint_id: case.id,
        at,
        actor: actor.to_owned(),
        role: role.to_owned(),
        kind: kind.to_owned(),
        action: None,
        from_state: None,
        to_state: None,
        staff_only: false,
        detail: json!({}),
    };
    let decision = serde_json::to_value(&case.routing).unwrap_or_default();
    let code = |value: serde_json::Result<serde_json::Value>| {
        value.ok().and_then(|v| v.as_str().map(str::to_owned))
    };
    journal.events.extend([
        Event {
            to_state: Some("submitted".into()),
            ..entry(actor, role.code(), "filed")
        },
        Event {
            detail: decision,
            ..entry("system", "system", "routed")
        },
        Event {
            action: code(serde_json::to_value(first)),
            from_state: Some("submitted".into()),
            to_state: code(serde_json::to_value(case.state)),
            ..entry("system", "system", "transition")
        },
    ]);
}
