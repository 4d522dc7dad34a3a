//! Conditional reads (RFC 9110 §13.1.2): a `GET` whose `If-None-Match` names the answer's
//! current `ETag` (or `*`) gets `304 Not Modified` with that `ETag` and no body, so a client
//! polling a case downloads it only when it changed. Every answer that carries an `ETag`
//! takes part, whatever its handler.

use actix_web::Error;
use actix_web::HttpResponse;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{ETAG, IF_NONE_MATCH};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

/// Whether `header` (an `If-None-Match` value) names `etag`: weak comparison, so `W/"3"`
/// matches `"3"`.
pub fn names(header: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    header.trim() == "*" || header.split(',').any(|tag| opaque(tag) == opaque(etag))
}

pub async fn not_modified(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let condition = (matches!(*req.method(), Method::GET | Method::HEAD))
        .then(|| {
            req.headers()
                .get(IF_NONE_MATCH)?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .flatten();
    let response = next.call(req).await?.map_into_boxed_body();
    let Some(condition) = condition else {
        return Ok(response);
    };
    let current = response
        .headers()
        .get(ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match current {
        Some(etag) if response.status() == StatusCode::OK && names(&condition, &etag) => {
            let (request, answered) = response.into_parts();
            let mut unchanged = HttpResponse::NotModified();
            for (name, value) in answered.headers() {
                if name != actix_web::http::header::CONTENT_TYPE
                    && name != actix_web::http::header::CONTENT_LENGTH
                {
                    unchanged.append_header((name.clone(), value.clone()));
                }
            }
            Ok(ServiceResponse::new(request, unchanged.finish()))
        }
        _ => Ok(response),
    }
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn a_listed_or_weak_or_star_tag_names_the_current_version() {
        assert!(names("\"3\"", "\"3\""));
        assert!(names("\"2\", W/\"3\"", "\"3\""));
        assert!(names("*", "\"3\""));
        assert!(!names("\"2\"", "\"3\""));
    }
}
