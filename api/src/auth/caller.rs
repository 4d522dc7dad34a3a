use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};
use ccms_domain::access::{Action, Role, may};

use super::{Claims, TokenKeys};
use crate::problem::ApiError;

/// A verified caller. Extracting it answers 401 when the token is missing or invalid.
#[derive(Debug, Clone)]
pub struct Caller(pub Claims);

impl Caller {
    pub fn role(&self) -> Role {
        self.0.role
    }

    /// The first gate: the role table in `ccms_domain::access`. 403 when not granted.
    pub fn require(&self, action: Action) -> Result<(), ApiError> {
        if may(self.0.role, action) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn may(&self, action: Action) -> bool {
        may(self.0.role, action)
    }
}

/// A caller on an endpoint that also serves the public: `None` without a token, 401 with a bad one.
#[derive(Debug, Clone)]
pub struct OptionalCaller(pub Option<Caller>);

impl OptionalCaller {
    pub fn may(&self, action: Action) -> bool {
        self.0.as_ref().is_some_and(|caller| caller.may(action))
    }
}

fn bearer(req: &HttpRequest) -> Option<Result<&str, ApiError>> {
    let header = req.headers().get(AUTHORIZATION)?;
    let token = header
        .to_str()
        .ok()
        .and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|token| !token.is_empty());
    Some(token.ok_or(ApiError::Unauthenticated("malformed Authorization header")))
}

fn verify(req: &HttpRequest, token: &str) -> Result<Caller, ApiError> {
    let keys = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| ApiError::Internal("token keys not configured".into()))?;
    keys.verify(token).map(Caller).map_err(|error| {
        log::debug!("token refused: {error}");
        ApiError::Unauthenticated("invalid token")
    })
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Caller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match bearer(req) {
            None => Err(ApiError::Unauthenticated("no bearer token")),
            Some(token) => token.and_then(|token| verify(req, token)),
        })
    }
}

impl FromRequest for OptionalCaller {
    type Error = ApiError;
    type Future = Ready<Result<OptionalCaller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match bearer(req) {
            None => Ok(OptionalCaller(None)),
            Some(token) => token
                .and_then(|token| verify(req, token))
                .map(|c| OptionalCaller(Some(c))),
        })
    }
}
