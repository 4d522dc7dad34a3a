//! The token endpoint's errors as OAuth2 clients read them (RFC 6749 §5.2): a JSON object with
//! `error` and `error_description`, `Cache-Control: no-store`, and for a client that sent HTTP
//! Basic credentials, 401 with `WWW-Authenticate: Basic`. A problem+json body there made a
//! standard client library take a wrong secret's answer for a token.

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, PRAGMA, WWW_AUTHENTICATE};
use serde::Serialize;
use utoipa::ToSchema;

/// An OAuth2 error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client` or `unsupported_grant_type`.
    #[schema(example = "invalid_client")]
    pub error: &'static str,
    pub error_description: &'static str,
}

/// What went wrong with a token request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    /// The form is not a token request (a parameter missing or repeated).
    InvalidRequest,
    /// Unknown client, wrong secret or revoked; `basic` when it came as HTTP Basic.
    InvalidClient {
        basic: bool,
    },
    UnsupportedGrantType,
}

impl TokenRefusal {
    fn body(self) -> OAuthError {
        match self {
            TokenRefusal::InvalidRequest => OAuthError {
                error: "invalid_request",
                error_description: "Send grant_type=client_credentials with client_id and client_secret, form-encoded, or the client as HTTP Basic.",
            },
            TokenRefusal::InvalidClient { .. } => OAuthError {
                error: "invalid_client",
                error_description: "Unknown client, wrong secret, or a revoked client.",
            },
            TokenRefusal::UnsupportedGrantType => OAuthError {
                error: "unsupported_grant_type",
                error_description: "Only grant_type=client_credentials is supported.",
            },
        }
    }

    pub fn answer(self) -> HttpResponse {
        let mut answer = match self {
            TokenRefusal::InvalidClient { basic: true } => {
                let mut unauthorized = HttpResponse::Unauthorized();
                unauthorized.insert_header((WWW_AUTHENTICATE, "Basic realm=\"ccms\""));
                unauthorized
            }
            _ => HttpResponse::BadRequest(),
        };
        let mut answer = answer
            .insert_header((CACHE_CONTROL, "no-store"))
            .insert_header((PRAGMA, "no-cache"))
            .json(self.body());
        answer
            .extensions_mut()
            .insert(crate::problem::StandardErrorFormat);
        answer
    }
}
