//! Staff sign in with e-mail and password. Every failure looks the same, and repeated
//! failures lock the e-mail address for a while whether or not an account has it.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::contact::Email;
use ccms_domain::identity::{Account, LockoutPolicy, LoginFailures};
use ccms_persistence::identity::{accounts, throttles};
use chrono::{DateTime, Utc};

use super::bodies::LoginBody;
use super::secrets::decoy_hash;
use super::session::{self, TokenPair};
use crate::auth::TokenKeys;
use crate::auth::throttle::admit;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::http::client_address;
use crate::problem::ApiError;

const FAILURES: &str = "staff_login_failures";

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
    hashing: web::Data<crate::identity::HashGate>,
    keys: web::Data<TokenKeys>,
    request: HttpRequest,
    body: JsonBody<LoginBody>,
) -> Result<HttpResponse, ApiError> {
    // A place at the hashing gate before any database work: a flood is turned away here.
    let place = hashing.admit()?;
    admit(
        &ctx,
        vec![("staff_login_per_address", client_address(&request))],
    )
    .await?;
    let Ok(email) = Email::parse(&body.0.email) else {
        return Err(ApiError::InvalidCredentials);
    };
    let (now, password) = (ctx.now(), body.0.password);
    let key = email.as_str().to_owned();
    // 1. Count the attempt (so parallel guesses count too) and read the account.
    let (attempt, found) = count_attempt(&ctx, (key.clone(), email), now).await?;
    // 2. The slow check, with no transaction open and no connection held.
    let stored = found
        .as_ref()
        .and_then(|(_, hash)| hash.clone())
        .unwrap_or_else(|| decoy_hash().to_owned());
    let password_ok = hashing.verify(&place, password, stored).await?;
    // 3. Sign in, or record the failure.
    let signed_in = sign_in(&ctx, keys, (key, attempt), (found, password_ok), now).await?;
    match signed_in {
        Attempt::SignedIn(pair) => Ok(HttpResponse::Ok().json(pair)),
        Attempt::Failed => Err(ApiError::InvalidCredentials),
    }
}

/// A staff account by e-mail, with its password hash if it has one.
type Found = Option<(Account, Option<String>)>;

/// Counts one more attempt on the address and reads its account; a locked address, or one
/// this attempt locks, is turned away with the seconds until it opens.
async fn count_attempt(
    ctx: &AppContext,
    (key, email): (String, Email),
    now: DateTime<Utc>,
) -> Result<(u32, Found), ApiError> {
    let policy = LockoutPolicy::DEFAULT;
    let counted = ctx
        .transaction(move |conn| {
            let previous = throttles::read(conn, FAILURES, &key)?;
            let lock = previous.map(|c| LoginFailures {
                locked_until: c.locked_until,
            });
            if let Some(until) = lock.and_then(|l| l.locked(now)) {
                return Ok(Err((until - now).num_seconds()));
            }
            let attempt = throttles::bump(conn, FAILURES, &key, now, policy.window)?.count;
            if !policy.may_try(attempt) {
                throttles::lock(conn, FAILURES, &key, now + policy.lock_for)?;
                return Ok(Err(policy.lock_for.num_seconds()));
            }
            Ok(Ok((attempt, accounts::staff_by_email(conn, &email)?)))
        })
        .await?;
    counted.map_err(|retry_after_secs| ApiError::RateLimited { retry_after_secs })
}

/// How a checked attempt ends; a failure is a value so the lock it sets still commits.
enum Attempt {
    SignedIn(TokenPair),
    Failed,
}

/// Signs in an active staff account whose password matched, clearing the address's failures;
/// anything else is a failure, which locks the address once there were too many.
async fn sign_in(
    ctx: &AppContext,
    keys: web::Data<TokenKeys>,
    (key, attempt): (String, u32),
    (found, password_ok): (Found, bool),
    now: DateTime<Utc>,
) -> Result<Attempt, ApiError> {
    let (policy, ttl) = (LockoutPolicy::DEFAULT, ctx.access_ttl);
    ctx.transaction(move |conn| match found {
        Some((account, _)) if password_ok && !account.disabled && account.role.is_staff() => {
            throttles::clear(conn, FAILURES, &key)?;
            Ok(Attempt::SignedIn(session::issue(
                conn, &keys, &account, None, now, ttl,
            )?))
        }
        _ => {
            if let Some(until) = policy.lock_after_failure(attempt, now) {
                throttles::lock(conn, FAILURES, &key, until)?;
            }
            Ok(Attempt::Failed)
        }
    })
    .await
}
