use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpResponse};

use serde::Serialize;
use utoipa::ToSchema;

use super::catalog::{ProblemType, field_message, problem_for_status};
use super::{ApiError, Language};
use crate::request::RequestId;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answer (RFC 9457). `code` is stable and machine-readable; `title`, `detail` and
/// each field `message` follow `Accept-Language` (Bangla for `bn`, English otherwise).
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type: `urn:ccms:problem:` and the code.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    pub detail: String,
    /// Stable machine code, the same in every language (see docs/api-conventions.md).
    pub code: String,
    /// The request path that failed.
    pub instance: String,
    /// Quote this when reporting a problem; it is in the server's logs.
    pub request_id: Option<String>,
    /// Present for validation failures: one entry per failing field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    /// For an inadmissible complaint: the law or policy the rule comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_source: Option<String>,
    /// For a duplicate complaint: the open case it duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing: Option<ExistingCase>,
    /// For a move that is not allowed: the moves the caller may make now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_actions: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExistingCase {
    pub id: uuid::Uuid,
    pub tracking_number: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// JSON path of the field (`web_domains[1]`), or the parameter name.
    pub field: String,
    /// Stable rule code (`required`, `length`, `phone_format`, ...).
    pub code: String,
    pub message: String,
}

fn body(
    kind: &ProblemType,
    issues: Vec<super::FieldIssue>,
    language: Language,
    instance: &str,
    request_id: Option<&str>,
) -> Problem {
    Problem {
        problem_type: format!("urn:ccms:problem:{}", kind.code),
        title: kind.title(language).to_owned(),
        status: kind.status.as_u16(),
        detail: kind.detail(language).to_owned(),
        code: kind.code.to_owned(),
        instance: instance.to_owned(),
        request_id: request_id.map(str::to_owned),
        errors: issues
            .into_iter()
            .map(|issue| ProblemField {
                message: field_message(&issue.rule, language).to_owned(),
                field: issue.field,
                code: issue.rule,
            })
            .collect(),
        legal_source: None,
        existing: None,
        allowed_actions: None,
    }
}

fn respond(kind: &ProblemType, problem: Problem, language: Language) -> HttpResponse {
    HttpResponse::build(kind.status)
        .content_type(PROBLEM_JSON)
        .insert_header((header::CONTENT_LANGUAGE, language.tag()))
        .json(problem)
}

pub(super) fn problem_response(
    error: &ApiError,
    language: Language,
    instance: &str,
    request_id: Option<&str>,
) -> HttpResponse {
    let kind = error.code().row();
    let mut problem = body(kind, error.issues(), language, instance, request_id);
    match error {
        ApiError::Inadmissible { legal_source, .. } => {
            problem.legal_source = Some((*legal_source).to_owned())
        }
        ApiError::FilingLimit { legal_source, .. } => {
            problem.legal_source = Some(legal_source.clone())
        }
        ApiError::DuplicateComplaint { existing } => {
            problem.existing = existing.as_ref().map(|(id, tracking_number)| ExistingCase {
                id: *id,
                tracking_number: tracking_number.clone(),
            });
        }
        ApiError::MoveNotAllowed { allowed } => problem.allowed_actions = Some(allowed.clone()),
        _ => {}
    }
    let mut response = respond(kind, problem, language);
    let headers = response.headers_mut();
    match error {
        ApiError::MethodNotAllowed(allowed) => {
            let list: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
            if let Ok(value) = HeaderValue::from_str(&list.join(", ")) {
                headers.insert(header::ALLOW, value);
            }
        }
        ApiError::RateLimited { retry_after_secs }
        | ApiError::FilingLimit {
            retry_after_secs, ..
        } => {
            if let Ok(value) = HeaderValue::from_str(&(*retry_after_secs).max(1).to_string()) {
                headers.insert(header::RETRY_AFTER, value);
            }
        }
        ApiError::Unauthenticated(_) => {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        // Busy right now: a place frees within moments.
        ApiError::Overloaded => {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        // The database is down or busy: worth trying again shortly.
        ApiError::Unavailable(_) => {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        _ => {}
    }
    response
}

/// Marks an error answer whose format a standard fixes (OAuth2's token errors, RFC 6749 §5.2):
/// it goes out as the handler made it, not as a problem document.
#[derive(Debug, Clone, Copy)]
pub struct StandardErrorFormat;

/// Middleware: turns every error answer into a problem document in the caller's language,
/// whether it came from a handler, an extractor or actix itself, and logs 5xx causes.
pub async fn render_problems(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // No clone of the request may live across `next.call`: routing needs it unshared.
    let language = Language::of(req.request());
    let instance = req.path().to_owned();
    let request_id = req.extensions().get::<RequestId>().map(|id| id.0.clone());
    let request_id = request_id.as_deref();
    let response = match next.call(req).await {
        Ok(response) => response.map_into_boxed_body(),
        Err(error) => {
            // Errors that escaped as `Err` become a rendered response inside an error.
            let rendered = render(
                error.as_response_error().status_code(),
                error.as_error::<ApiError>(),
                language,
                &instance,
                request_id,
                &cause_of(&error),
            );
            return Err(actix_web::error::InternalError::from_response(
                error.to_string(),
                rendered,
            )
            .into());
        }
    };
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return Ok(response);
    }
    if response
        .response()
        .extensions()
        .get::<StandardErrorFormat>()
        .is_some()
    {
        return Ok(response);
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let error = response.response().error();
    let api_error = error.and_then(|e| e.as_error::<ApiError>());
    if api_error.is_none() && is_problem && !status.is_server_error() {
        return Ok(response);
    }
    let cause = error.map(cause_of).unwrap_or_default();
    let rendered = render(status, api_error, language, &instance, request_id, &cause);
    if matches!(api_error, Some(ApiError::Overloaded)) {
        response
            .request()
            .extensions_mut()
            .insert(crate::request::TurnedAway);
    }
    let (http_request, original) = response.into_parts();
    let mut rendered = rendered;
    // Headers that describe the caller's standing, not the error, survive the rendering.
    for name in KEPT_THROUGH_RENDERING {
        if let Some(value) = original.headers().get(&name) {
            rendered.headers_mut().insert(name, value.clone());
        }
    }
    Ok(ServiceResponse::new(http_request, rendered))
}

const KEPT_THROUGH_RENDERING: [header::HeaderName; 2] = [
    crate::request::rate_limit_headers::RATELIMIT,
    crate::request::rate_limit_headers::RATELIMIT_POLICY,
];

/// What the log says of a failed request: our own errors with every cause below them.
fn cause_of(error: &Error) -> String {
    match error.as_error::<ApiError>() {
        Some(ours) => super::api_error::cause_chain(ours),
        None => error.to_string(),
    }
}

/// The problem answer for an error (or a bare status), logging the cause of any 5xx.
fn render(
    status: actix_web::http::StatusCode,
    error: Option<&ApiError>,
    language: Language,
    instance: &str,
    request_id: Option<&str>,
    cause: &str,
) -> HttpResponse {
    // Turning a request away under load is the server working as meant, not a fault: logging
    // each at error level would flood the log exactly when it matters.
    let turned_away = matches!(error, Some(ApiError::Overloaded));
    if status.is_server_error() && !turned_away {
        log::error!(
            "request {} failed with {status}: {cause}",
            request_id.unwrap_or("-")
        );
    }
    match error {
        Some(error) => problem_response(error, language, instance, request_id),
        None => {
            let kind = problem_for_status(status);
            respond(
                kind,
                body(kind, Vec::new(), language, instance, request_id),
                language,
            )
        }
    }
}
