//! Headers every answer carries so that a browser never sniffs a JSON answer into something
//! else, frames a page of ours, leaks a URL in `Referer`, or keeps a signed-in answer in a
//! shared cache. Swagger UI's own pages get a Content-Security-Policy that lets them run from
//! the binary's files alone (no CDN, no inline script), and every other answer one that lets
//! nothing run at all.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_SECURITY_POLICY, HeaderName, HeaderValue,
    REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use actix_web::middleware::Next;

/// Swagger UI: its scripts, styles and images come from the binary; it fetches the contract
/// and calls the API on this origin. Its stylesheet sets inline styles, hence `unsafe-inline`
/// for styles only.
const SWAGGER_UI_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; \
     base-uri 'none'; form-action 'none'";
/// Everything else is data, never a page.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

const FIXED: [(HeaderName, &str); 3] = [
    (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (X_FRAME_OPTIONS, "DENY"),
    (REFERRER_POLICY, "no-referrer"),
];

/// Middleware: sets the headers above on every answer, errors included.
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let signed_in = req.headers().contains_key(AUTHORIZATION);
    let swagger_ui = req.path().starts_with("/swagger-ui");
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    for (name, value) in FIXED {
        headers.insert(name, HeaderValue::from_static(value));
    }
    let policy = if swagger_ui {
        SWAGGER_UI_POLICY
    } else {
        API_POLICY
    };
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    // An answer for one caller is never stored by a browser or a proxy.
    if signed_in {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}
