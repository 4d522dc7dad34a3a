//! A consumer trades the one-time code for tokens: an attempt taken, the slow check with no
//! connection held, then the code spent once and the consumer signed in (the first sign-in
//! creates the account).

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::identity::{Account, OtpChallenge, OtpOutcome, OtpPolicy};
use ccms_persistence::audit::AuditEntry;
use ccms_persistence::identity::otp::StoredChallenge;
use ccms_persistence::identity::{accounts, otp};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::bodies::OtpVerifyBody;
use super::consumer::phone;
use super::session::{self, TokenPair};
use crate::auth::TokenKeys;
use crate::auth::throttle::admit;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::http::client_address;
use crate::problem::{ApiError, FieldIssue};

/// Sign in with a code
///
/// Trades the code for tokens. Five wrong tries spend the code.
#[utoipa::path(
    operation_id = "verify_otp",
    tag = "auth",
    security(()),
    request_body = OtpVerifyBody,
    responses((status = 200, description = "Signed in", body = TokenPair))
)]
#[post("/auth/otp/verify")]
pub async fn verify_otp(
    ctx: web::Data<AppContext>,
    hashing: web::Data<crate::identity::HashGate>,
    keys: web::Data<TokenKeys>,
    request: HttpRequest,
    body: JsonBody<OtpVerifyBody>,
) -> Result<HttpResponse, ApiError> {
    let phone = phone(&body.0.phone)?;
    code_format(&body.0.code)?;
    let place = hashing.admit()?;
    admit(
        &ctx,
        vec![
            ("otp_verify_per_phone", phone.as_str().to_owned()),
            ("otp_verify_per_address", client_address(&request)),
        ],
    )
    .await?;
    let (now, code) = (ctx.now(), body.0.code);
    let request_id = crate::auth::request_id(&request);
    // 1. Take an attempt, in one statement: parallel guesses cannot share one.
    let (stored, attempts_left) = take_attempt(&ctx, phone.clone(), now).await?;
    // 2. The slow check, with no transaction open and no connection held.
    let matches = hashing
        .verify(&place, code, stored.code_hash.clone())
        .await?;
    verified(OtpChallenge::outcome(matches, attempts_left))?;
    // 3. Spend the code (once, even if two right guesses race) and sign in.
    let signing_in = (stored.id, phone, request_id);
    let pair = sign_in(&ctx, keys, signing_in, now).await?;
    Ok(HttpResponse::Ok().json(pair))
}

/// A code of the policy's shape, checked before any work.
fn code_format(code: &str) -> Result<(), ApiError> {
    if OtpPolicy::DEFAULT.is_code(code) {
        Ok(())
    } else {
        Err(ApiError::Validation(vec![FieldIssue::new(
            "code",
            "code_format",
        )]))
    }
}

/// The phone's latest code with the attempts left after this one; none left is a spent code.
async fn take_attempt(
    ctx: &AppContext,
    phone: PhoneNumber,
    now: DateTime<Utc>,
) -> Result<(StoredChallenge, u32), ApiError> {
    let taken = ctx
        .transaction(move |conn| {
            let Some(stored) = otp::latest(conn, &phone)? else {
                return Ok(None);
            };
            Ok(otp::take_attempt(conn, stored.id, now)?.map(|left| (stored, left)))
        })
        .await?;
    taken.ok_or(ApiError::CodeSpent)
}

/// The check's outcome as an answer: on only when the code is verified.
fn verified(outcome: OtpOutcome) -> Result<(), ApiError> {
    match outcome {
        OtpOutcome::Verified => Ok(()),
        OtpOutcome::Wrong { .. } => Err(ApiError::WrongCode),
        _ => Err(ApiError::CodeSpent),
    }
}

/// What spending the code came to; a refusal is a value so the transaction still commits.
enum Verified {
    Yes(TokenPair),
    No(OtpOutcome),
}

/// Spends challenge `id` and signs in the consumer of `phone` (the first sign-in creates the
/// account), with its audit entry; a code already spent or a disabled account is refused.
async fn sign_in(
    ctx: &AppContext,
    keys: web::Data<TokenKeys>,
    (id, phone, request_id): (Uuid, PhoneNumber, Option<String>),
    now: DateTime<Utc>,
) -> Result<TokenPair, ApiError> {
    let ttl = ctx.access_ttl;
    let verified = ctx
        .transaction(move |conn| {
            if !otp::consume(conn, id)? {
                return Ok(Verified::No(OtpOutcome::Spent));
            }
            let account = accounts::consumer_for_phone(conn, &phone, now)?;
            if account.disabled {
                return Ok(Verified::No(OtpOutcome::Spent));
            }
            ccms_persistence::audit::record(conn, signed_in(&account, request_id, now))?;
            Ok(Verified::Yes(session::issue(
                conn, &keys, &account, None, now, ttl,
            )?))
        })
        .await?;
    match verified {
        Verified::Yes(pair) => Ok(pair),
        Verified::No(OtpOutcome::Wrong { .. }) => Err(ApiError::WrongCode),
        Verified::No(_) => Err(ApiError::CodeSpent),
    }
}

/// The audit entry of a consumer's sign-in, by the consumer's own account.
fn signed_in(account: &Account, request_id: Option<String>, now: DateTime<Utc>) -> AuditEntry {
    AuditEntry {
        at: now,
        actor: account.id.to_string(),
        role: account.role.code().to_owned(),
        action: "auth.otp_sign_in",
        target_type: "account",
        target_id: account.id.to_string(),
        request_id,
        detail: serde_json::json!({}),
    }
}
