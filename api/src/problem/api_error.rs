use actix_web::http::{Method, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use ccms_domain::Invalid;
use ccms_domain::authority::decision::BadDecision;
use ccms_domain::complaint::admissibility::Refusal;
use ccms_domain::complaint::limits::FilingLimit;
use ccms_domain::complaint::transition::MoveRefused;
use ccms_persistence::StoreError;
use ccms_usecases::{Conflict, UseCaseError};
use thiserror::Error;

use super::catalog::ProblemCode;
use super::{Language, render};

/// One field that failed, by its JSON path (`web_domains[1]`) and a rule code from `FIELD_RULES`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    pub field: String,
    pub rule: String,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, rule: impl Into<String>) -> FieldIssue {
        FieldIssue {
            field: field.into(),
            rule: rule.into(),
        }
    }
}

/// Every way a request can fail. Rendered in one place (`render_problems`); the `Display`
/// text is for logs only and never reaches a client.
#[derive(Debug, Error)]
pub enum ApiError {
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldIssue>),
    #[error("invalid parameter: {0:?}")]
    InvalidParameter(Vec<FieldIssue>),
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("malformed body: {0}")]
    MalformedBody(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("invalid cursor")]
    InvalidCursor,
    #[error("unauthenticated: {0}")]
    Unauthenticated(&'static str),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("no such route")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed(Vec<Method>),
    #[error("not acceptable")]
    NotAcceptable,
    #[error("{0} already registered")]
    AlreadyRegistered(String),
    #[error("stale version; stored is {current}")]
    StaleVersion { current: i64 },
    #[error("rate limited; retry after {retry_after_secs}s")]
    RateLimited { retry_after_secs: i64 },
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("wrong one-time code")]
    WrongCode,
    #[error("one-time code expired or spent")]
    CodeSpent,
    #[error("invalid client")]
    InvalidClient,
    /// An SMS gateway's post without a fresh signature of its body.
    #[error("bad signature")]
    BadSignature,
    #[error("invalid refresh token")]
    InvalidRefreshToken,
    #[error("inadmissible: {refusal:?}")]
    Inadmissible {
        refusal: Refusal,
        legal_source: &'static str,
    },
    /// An open case for the same order exists; named only to a caller who may read it.
    #[error("duplicate of {existing:?}")]
    DuplicateComplaint {
        existing: Option<(uuid::Uuid, String)>,
    },
    /// One more filing would pass a filing limit of the policy; `legal_source` is the rule's.
    #[error("filing limit reached; retry after {retry_after_secs}s")]
    FilingLimit {
        limit: FilingLimit,
        retry_after_secs: i64,
        legal_source: String,
    },
    /// A partner named a business outside its marketplace.
    #[error("outside the partner's filing scope")]
    OutsideFilingScope,
    #[error("move not allowed; allowed: {allowed:?}")]
    MoveNotAllowed { allowed: Vec<String> },
    /// A record is not in a state that allows this (the code names which record and why).
    #[error("conflict: {0:?}")]
    StateConflict(ProblemCode),
    /// Too many requests in flight (or sign-in checks waiting): come back in a second.
    #[error("overloaded")]
    Overloaded,
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("internal: {0}")]
    Internal(String),
    /// The store failed in a way no caller can help: a 500 whose causes go to the log.
    #[error("store")]
    Store(#[source] StoreError),
}

pub use ccms_usecases::cause_chain;

impl ApiError {
    pub fn code(&self) -> ProblemCode {
        match self {
            ApiError::Validation(_) => ProblemCode::ValidationFailed,
            ApiError::InvalidParameter(_) => ProblemCode::InvalidParameter,
            ApiError::MalformedJson(_) => ProblemCode::MalformedJson,
            ApiError::MalformedBody(_) => ProblemCode::MalformedBody,
            ApiError::UnsupportedMediaType => ProblemCode::UnsupportedMediaType,
            ApiError::PayloadTooLarge => ProblemCode::PayloadTooLarge,
            ApiError::InvalidCursor => ProblemCode::InvalidCursor,
            ApiError::Unauthenticated(_) => ProblemCode::Unauthenticated,
            ApiError::Forbidden => ProblemCode::Forbidden,
            ApiError::NotFound => ProblemCode::NotFound,
            ApiError::RouteNotFound => ProblemCode::RouteNotFound,
            ApiError::MethodNotAllowed(_) => ProblemCode::MethodNotAllowed,
            ApiError::NotAcceptable => ProblemCode::NotAcceptable,
            ApiError::AlreadyRegistered(_) => ProblemCode::AlreadyRegistered,
            ApiError::StaleVersion { .. } => ProblemCode::StaleVersion,
            ApiError::RateLimited { .. } => ProblemCode::RateLimited,
            ApiError::InvalidCredentials => ProblemCode::InvalidCredentials,
            ApiError::WrongCode => ProblemCode::InvalidCode,
            ApiError::CodeSpent => ProblemCode::CodeExpired,
            ApiError::InvalidClient => ProblemCode::InvalidClient,
            ApiError::BadSignature => ProblemCode::SignatureInvalid,
            ApiError::InvalidRefreshToken => ProblemCode::InvalidRefreshToken,
            ApiError::Inadmissible { refusal, .. } => refused(*refusal),
            ApiError::DuplicateComplaint { .. } => ProblemCode::DuplicateComplaint,
            ApiError::OutsideFilingScope => ProblemCode::OutsideFilingScope,
            ApiError::FilingLimit { limit, .. } => match limit {
                FilingLimit::PerConsumer => ProblemCode::FilingLimitReached,
                FilingLimit::PerBusiness => ProblemCode::BusinessFilingLimitReached,
            },
            ApiError::MoveNotAllowed { .. } => ProblemCode::MoveNotAllowed,
            ApiError::StateConflict(code) => *code,
            ApiError::Overloaded => ProblemCode::Overloaded,
            ApiError::Unavailable(_) => ProblemCode::ServiceUnavailable,
            ApiError::Internal(_) | ApiError::Store(_) => ProblemCode::InternalError,
        }
    }

    /// The per-field list a client shows next to its form fields.
    pub fn issues(&self) -> Vec<FieldIssue> {
        match self {
            ApiError::Validation(issues) | ApiError::InvalidParameter(issues) => issues.clone(),
            ApiError::AlreadyRegistered(field) => vec![FieldIssue::new(field.clone(), "taken")],
            _ => Vec::new(),
        }
    }

    pub fn invalid_parameter(field: &str, rule: &str) -> ApiError {
        ApiError::InvalidParameter(vec![FieldIssue::new(field, rule)])
    }
}

/// The problem code of each admissibility refusal (each the domain rule's own code).
fn refused(refusal: Refusal) -> ProblemCode {
    match refusal {
        Refusal::BusinessNotRegistered => ProblemCode::BusinessNotRegistered,
        Refusal::BusinessSuspended => ProblemCode::BusinessSuspended,
        Refusal::IncidentInFuture => ProblemCode::IncidentInFuture,
        Refusal::OrderDateInFuture => ProblemCode::OrderDateInFuture,
        Refusal::ContactDateInFuture => ProblemCode::ContactDateInFuture,
        Refusal::FilingWindowExpired => ProblemCode::FilingWindowExpired,
        Refusal::DescriptionTooShort => ProblemCode::DescriptionTooShort,
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code().row().status
    }

    fn error_response(&self) -> HttpResponse {
        render::problem_response(self, Language::English, "", None)
    }
}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> ApiError {
        ApiError::Validation(
            invalid
                .0
                .into_iter()
                .map(|e| FieldIssue::new(e.field, e.rule))
                .collect(),
        )
    }
}

impl From<MoveRefused> for ApiError {
    fn from(refused: MoveRefused) -> ApiError {
        match refused {
            MoveRefused::NotAllowed { allowed } => ApiError::MoveNotAllowed {
                allowed: allowed
                    .iter()
                    .filter_map(ccms_usecases::moves::code)
                    .collect(),
            },
            MoveRefused::DecisionRequired => {
                ApiError::Validation(vec![FieldIssue::new("decision", "required")])
            }
            MoveRefused::RemedyRequired => {
                ApiError::Validation(vec![FieldIssue::new("remedy", "required")])
            }
        }
    }
}

impl From<UseCaseError> for ApiError {
    fn from(error: UseCaseError) -> ApiError {
        match error {
            UseCaseError::Refused(refused) => refused.into(),
            UseCaseError::Store(store) => store.into(),
            UseCaseError::Broken(what) => ApiError::Internal(what),
            UseCaseError::NotAnOfficerOfTheAgency => ApiError::Validation(vec![FieldIssue::new(
                "officer_id",
                "not_an_officer_of_the_agency",
            )]),
            UseCaseError::NoOfficerAvailable => {
                ApiError::StateConflict(ProblemCode::NoOfficerAvailable)
            }
            UseCaseError::BadDecision(bad) => {
                let (field, rule) = match bad {
                    BadDecision::FineAboveMaximum => ("fine_poisha", "fine_above_maximum"),
                    BadDecision::AmountsWithoutUpholding => ("verdict", "amounts_need_upheld"),
                };
                ApiError::Validation(vec![FieldIssue::new(field, rule)])
            }
            UseCaseError::NotFound => ApiError::NotFound,
            UseCaseError::Forbidden => ApiError::Forbidden,
            UseCaseError::Invalid(invalid) => invalid.into(),
            UseCaseError::Conflict(conflict) => ApiError::StateConflict(match conflict {
                Conflict::HearingAlreadyScheduled => ProblemCode::HearingAlreadyScheduled,
                Conflict::HearingNotScheduled => ProblemCode::HearingNotScheduled,
                Conflict::HearingNotDue => ProblemCode::HearingNotDue,
                Conflict::StepNotAllowed => ProblemCode::StepNotAllowed,
                Conflict::CaseNotClosed => ProblemCode::CaseNotClosed,
                Conflict::WindowClosed => ProblemCode::WindowClosed,
                Conflict::NotDecided => ProblemCode::CaseNotDecided,
                Conflict::NotReviewable => ProblemCode::CaseNotReviewable,
                Conflict::NoGroundForReview => ProblemCode::NoGroundForReview,
                Conflict::MatterDecided => ProblemCode::MatterDecided,
                Conflict::NotHeld => ProblemCode::NotHeld,
                Conflict::NoTriesLeft => ProblemCode::ConfirmationLocked,
                Conflict::AlreadyErased => ProblemCode::Erased,
            }),
            UseCaseError::OutsideFilingScope => ApiError::OutsideFilingScope,
            UseCaseError::Inadmissible {
                refusal,
                legal_source,
            } => ApiError::Inadmissible {
                refusal,
                legal_source,
            },
            UseCaseError::Duplicate { existing } => ApiError::DuplicateComplaint { existing },
            UseCaseError::FilingLimit {
                limit,
                retry_after_secs,
                legal_source,
            } => ApiError::FilingLimit {
                limit,
                retry_after_secs,
                legal_source,
            },
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict(field) => ApiError::AlreadyRegistered(field.to_owned()),
            StoreError::StaleVersion { current } => ApiError::StaleVersion { current },
            StoreError::InvalidCursor => ApiError::InvalidCursor,
            StoreError::Unavailable(cause) => ApiError::Unavailable(cause),
            other => ApiError::Store(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::body::MessageBody;

    use super::*;

    #[test]
    fn a_store_failure_logs_every_cause_and_answers_an_opaque_500() {
        let failed = ApiError::from(StoreError::Corrupt("secret_table row 7: bad JSON".into()));
        assert_eq!(
            cause_chain(&failed),
            "store: stored row is invalid: secret_table row 7: bad JSON"
        );
        let answer = failed.error_response();
        assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = answer.into_body().try_into_bytes().unwrap_or_default();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("internal_error"), "{body}");
        assert!(!body.contains("secret_table"), "{body}");
    }
}
