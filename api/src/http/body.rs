//! Reading request bodies: JSON only, size-limited, every failure a problem with field paths.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::error::{PathError, PayloadError, QueryPayloadError, UrlencodedError};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use serde::de::DeserializeOwned;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::problem::{ApiError, FieldIssue};

/// Largest JSON body any endpoint accepts. Evidence uploads will get their own limit.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

/// A JSON request body, deserialized and validated. Unlike `web::Json`, its errors name the
/// failing field (`web_domains[1]`) and all share one problem format.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

fn is_json(req: &HttpRequest) -> bool {
    match req.mime_type() {
        Ok(Some(mime)) => {
            mime.type_() == "application"
                && (mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json"))
        }
        _ => false,
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for JsonBody<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<JsonBody<T>, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let json = is_json(req);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !json {
                return Err(ApiError::UnsupportedMediaType);
            }
            let bytes = bytes
                .await
                .map_err(|error| match error.as_error::<PayloadError>() {
                    Some(PayloadError::Overflow) => ApiError::PayloadTooLarge,
                    _ => ApiError::MalformedJson(error.to_string()),
                })?;
            JsonBody::from_bytes(&bytes)
        })
    }
}

impl<T: DeserializeOwned + Validate> JsonBody<T> {
    /// A body read as bytes first (to check its signature), parsed and validated as any other.
    pub fn from_bytes(bytes: &[u8]) -> Result<JsonBody<T>, ApiError> {
        let value: T = parse(bytes)?;
        value
            .validate()
            .map_err(|errors| ApiError::Validation(flatten("", &errors)))?;
        Ok(JsonBody(value))
    }
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if !inner.is_data() {
            return ApiError::MalformedJson(inner.to_string());
        }
        let message = inner.to_string();
        let named = |prefix: &str| {
            let name = message.strip_prefix(prefix)?.split('`').next()?;
            Some(if path == "." {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            })
        };
        let issue = if let Some(field) = named("missing field `") {
            FieldIssue::new(field, "required")
        } else if message.starts_with("unknown field `") {
            // The path already ends at the unknown key itself.
            FieldIssue::new(path, "unknown_field")
        } else {
            FieldIssue::new(if path == "." { "body".to_owned() } else { path }, "type")
        };
        ApiError::Validation(vec![issue])
    })
}

/// validator's nested errors as flat `a.b[2]` paths.
fn flatten(prefix: &str, errors: &ValidationErrors) -> Vec<FieldIssue> {
    let join = |field: &str| {
        if prefix.is_empty() {
            field.to_owned()
        } else {
            format!("{prefix}.{field}")
        }
    };
    let mut issues = Vec::new();
    for (field, kind) in errors.errors() {
        match kind {
            ValidationErrorsKind::Field(list) => {
                issues.extend(
                    list.iter()
                        .map(|e| FieldIssue::new(join(field), e.code.to_string())),
                );
            }
            ValidationErrorsKind::Struct(nested) => issues.extend(flatten(&join(field), nested)),
            ValidationErrorsKind::List(items) => {
                for (index, nested) in items {
                    issues.extend(flatten(&format!("{}[{index}]", join(field)), nested));
                }
            }
        }
    }
    issues.sort_by(|a, b| a.field.cmp(&b.field));
    issues
}

/// Error handlers for actix's own path, query and form extractors, so they answer problems too.
pub fn parameter_errors() -> (web::PathConfig, web::QueryConfig, web::FormConfig) {
    // Cloned into every worker's app.
    let path = web::PathConfig::default().error_handler(|error: PathError, _| {
        log::debug!("bad path parameter: {error}");
        ApiError::invalid_parameter("path", "type").into()
    });
    let query = web::QueryConfig::default().error_handler(|error: QueryPayloadError, req| {
        let message = error.to_string();
        let quoted = message.split('`').nth(1).unwrap_or_default();
        // serde names a missing or unknown field, but for a bad value only the value: the
        // parameter is the one that carries it.
        let field = if message.contains("field") {
            Some(quoted.to_owned())
        } else {
            web::Query::<Vec<(String, String)>>::from_query(req.query_string())
                .ok()
                .and_then(|pairs| {
                    let carrying = pairs
                        .iter()
                        .find(|(_, value)| !quoted.is_empty() && value == quoted);
                    // A number that does not parse is not quoted: with one parameter, it is it.
                    let only = (pairs.len() == 1).then(|| &pairs[0]);
                    carrying.or(only).map(|(name, _)| name.clone())
                })
        };
        let field = field.unwrap_or_else(|| "query".to_owned());
        ApiError::InvalidParameter(vec![FieldIssue::new(field, "type")]).into()
    });
    let form = web::FormConfig::default()
        .limit(BODY_LIMIT_BYTES)
        .error_handler(|error: UrlencodedError, _| {
            match error {
                UrlencodedError::ContentType => ApiError::UnsupportedMediaType,
                UrlencodedError::Overflow { .. } => ApiError::PayloadTooLarge,
                UrlencodedError::Parse(error) => {
                    let message = error.to_string();
                    let field = message.split('`').nth(1).unwrap_or("body").to_owned();
                    ApiError::Validation(vec![FieldIssue::new(field, "required")])
                }
                other => ApiError::MalformedJson(other.to_string()),
            }
            .into()
        });
    (path, query, form)
}
