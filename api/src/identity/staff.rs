//! Staff sign in with e-mail and password. Every failure looks the same, and repeated
//! failures lock the e-mail address for a while whether or not an account has it.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::contact::Email;
use ccms_domain::identity::{LockoutPolicy, LoginFailures};
use ccms_persistence::identity::{accounts, throttles};

use super::bodies::LoginBody;
use super::secrets::{decoy_hash, verify_secret};
use super::session::{self, TokenPair};
use super::throttle::{admit, client_address};
use crate::auth::TokenKeys;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::problem::ApiError;

const FAILURES: &str = "staff_login_failures";

enum Attempt {
    SignedIn(TokenPair),
    Failed,
    Locked { retry_after_secs: i64 },
}

/// Staff sign-in
///
/// E-mail and password for officers, regulators, coordinators, auditors, admins and business
/// agents. Five failures lock the address for 15 minutes.
#[utoipa::path(
    operation_id = "login_staff",
    tag = "auth",
    security(()),
    request_body = LoginBody,
    responses((status = 200, description = "Signed in", body = TokenPair))
)]
#[post("/auth/login")]
pub async fn login(
    ctx: web::Data<AppContext>,
    keys: web::Data<TokenKeys>,
    request: HttpRequest,
    body: JsonBody<LoginBody>,
) -> Result<HttpResponse, ApiError> {
    admit(
        &ctx,
        vec![("staff_login_per_address", client_address(&request))],
    )
    .await?;
    let Ok(email) = Email::parse(&body.0.email) else {
        return Err(ApiError::InvalidCredentials);
    };
    let (now, ttl, password) = (ctx.now(), ctx.access_ttl, body.0.password);
    let policy = LockoutPolicy::DEFAULT;
    let attempt = ctx
        .transaction(move |conn| {
            let key = email.as_str();
            let previous = throttles::read(conn, FAILURES, key)?;
            let lock = previous.map(|c| LoginFailures {
                locked_until: c.locked_until,
            });
            if let Some(until) = lock.and_then(|l| l.locked(now)) {
                return Ok(Attempt::Locked {
                    retry_after_secs: (until - now).num_seconds(),
                });
            }
            // Count the attempt before checking the password, so parallel guesses count too.
            let attempt = throttles::bump(conn, FAILURES, key, now, policy.window)?.count;
            if !policy.may_try(attempt) {
                let until = now + policy.lock_for;
                throttles::lock(conn, FAILURES, key, until)?;
                return Ok(Attempt::Locked {
                    retry_after_secs: policy.lock_for.num_seconds(),
                });
            }
            let found = accounts::staff_by_email(conn, &email)?;
            let stored = found
                .as_ref()
                .and_then(|(_, hash)| hash.as_deref())
                .unwrap_or(decoy_hash());
            let password_ok = verify_secret(&password, stored);
            match found {
                Some((account, _))
                    if password_ok && !account.disabled && account.role.is_staff() =>
                {
                    throttles::clear(conn, FAILURES, key)?;
                    Ok(Attempt::SignedIn(session::issue(
                        conn, &keys, &account, None, now, ttl,
                    )?))
                }
                _ => {
                    if let Some(until) = policy.lock_after_failure(attempt, now) {
                        throttles::lock(conn, FAILURES, key, until)?;
                    }
                    Ok(Attempt::Failed)
                }
            }
        })
        .await?;
    match attempt {
        Attempt::SignedIn(pair) => Ok(HttpResponse::Ok().json(pair)),
        Attempt::Failed => Err(ApiError::InvalidCredentials),
        Attempt::Locked { retry_after_secs } => Err(ApiError::RateLimited { retry_after_secs }),
    }
}
