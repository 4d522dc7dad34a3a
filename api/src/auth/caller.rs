use std::future::{Ready, ready};

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::AUTHORIZATION;
use actix_web::middleware::Next;
use actix_web::{Error, FromRequest, HttpMessage, HttpRequest, web};
use ccms_domain::access::{Action, Relation, Role, may, permits};
use uuid::Uuid;

use super::allowance::{BUCKET, PartnerAllowance};
use super::{Claims, TokenKeys};
use crate::context::AppContext;
use crate::problem::ApiError;
use crate::request::rate_limit_headers;

/// A verified caller. Extracting it answers 401 when the token is missing or invalid.
#[derive(Debug, Clone)]
pub struct Caller(pub Claims);

impl Caller {
    pub fn role(&self) -> Role {
        self.0.role
    }

    /// The caller's account id (partners have none: their `sub` is a client id).
    pub fn account_id(&self) -> Option<Uuid> {
        Uuid::parse_str(&self.0.sub)
            .ok()
            .filter(|_| self.0.role != Role::Partner)
    }

    /// For actions on the system as a whole: 403 unless the policy grants it outright.
    pub fn require(&self, action: Action) -> Result<(), ApiError> {
        self.require_on(action, Relation::NONE)
    }

    /// For actions on an object the caller stands to as `relation`: 403 unless granted.
    pub fn require_on(&self, action: Action, relation: Relation) -> Result<(), ApiError> {
        if permits(self.0.role, action, relation) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The first gate, before loading the object: 403 unless the role holds `action` for
    /// at least some objects.
    pub fn require_any(&self, action: Action) -> Result<(), ApiError> {
        if may(self.0.role, action) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn may(&self, action: Action) -> bool {
        permits(self.0.role, action, Relation::NONE)
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

/// What the authentication middleware found, for the extractors to pick up.
#[derive(Clone)]
enum Authentication {
    Anonymous,
    Verified(Caller),
    Refused(&'static str),
}

fn authenticate(req: &HttpRequest) -> Authentication {
    let Some(header) = req.headers().get(AUTHORIZATION) else {
        return Authentication::Anonymous;
    };
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
    let Some(token) = token else {
        // Other schemes (HTTP Basic at the token endpoint) are not bearer tokens.
        return if header.as_bytes().starts_with(b"Basic ") {
            Authentication::Anonymous
        } else {
            Authentication::Refused("malformed Authorization header")
        };
    };
    let Some(keys) = req.app_data::<web::Data<TokenKeys>>() else {
        return Authentication::Refused("token keys not configured");
    };
    let now = match req.app_data::<web::Data<AppContext>>() {
        Some(ctx) => ctx.now(),
        None => chrono::Utc::now(),
    };
    match keys.verify(token, now) {
        Ok(claims) => Authentication::Verified(Caller(claims)),
        Err(error) => {
            log::debug!("token refused: {error}");
            Authentication::Refused("invalid token")
        }
    }
}

/// Middleware: verifies the bearer token once per request, and holds partner clients to their
/// request budget (`partner_api_per_client`).
pub async fn identify_caller(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, Error> {
    let found = authenticate(req.request());
    let mut budget = None;
    if let Authentication::Verified(Caller(claims)) = &found
        && claims.role == Role::Partner
        && let (Some(ctx), Some(allowance)) = (
            req.app_data::<web::Data<AppContext>>(),
            req.app_data::<web::Data<PartnerAllowance>>(),
        )
    {
        match allowance.admit(ctx, &claims.sub).await {
            Ok(counted) => budget = Some(counted),
            Err(limited) => {
                // An answer, not an `Err`, so the outer middleware still stamps and counts it.
                let retry = match &limited {
                    ApiError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
                    _ => None,
                };
                let rule = ctx.rate_rule(BUCKET);
                let mut refused = req.error_response(Error::from(limited));
                if let (Some(rule), Some(retry_after_secs)) = (rule, retry) {
                    rate_limit_headers::set(refused.headers_mut(), &rule.spent(retry_after_secs));
                }
                return Ok(refused.map_into_right_body());
            }
        }
    }
    // A bad token is refused on every API path, public reads included, so a client learns its
    // token is bad at once; sign-in and refresh take no bearer token and ignore a stale one, and
    // operator endpoints (`/metrics` has a token of its own) are outside `/api/v1`.
    if let Authentication::Refused(why) = &found
        && req.path().starts_with("/api/v1/")
        && !req.path().starts_with("/api/v1/auth/")
    {
        let refused = ApiError::Unauthenticated(why);
        return Ok(req
            .error_response(Error::from(refused))
            .map_into_right_body());
    }
    req.extensions_mut().insert(found);
    let mut response = next.call(req).await?;
    if let Some(budget) = budget {
        rate_limit_headers::set(response.headers_mut(), &budget);
    }
    Ok(response.map_into_left_body())
}

/// The client id of a verified partner caller, for middleware that treats partners apart.
pub fn verified_partner(req: &HttpRequest) -> Option<String> {
    match found(req) {
        Authentication::Verified(Caller(claims)) if claims.role == Role::Partner => {
            Some(claims.sub)
        }
        _ => None,
    }
}

fn found(req: &HttpRequest) -> Authentication {
    req.extensions()
        .get::<Authentication>()
        .cloned()
        .unwrap_or_else(|| authenticate(req))
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Caller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match found(req) {
            Authentication::Verified(caller) => Ok(caller),
            Authentication::Anonymous => Err(ApiError::Unauthenticated("no bearer token")),
            Authentication::Refused(why) => Err(ApiError::Unauthenticated(why)),
        })
    }
}

impl FromRequest for OptionalCaller {
    type Error = ApiError;
    type Future = Ready<Result<OptionalCaller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match found(req) {
            Authentication::Verified(caller) => Ok(OptionalCaller(Some(caller))),
            Authentication::Anonymous => Ok(OptionalCaller(None)),
            Authentication::Refused(why) => Err(ApiError::Unauthenticated(why)),
        })
    }
}
