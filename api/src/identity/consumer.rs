//! Consumers sign in with a one-time code sent by SMS; the first sign-in creates the account.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::identity::{OtpChallenge, OtpOutcome, OtpPolicy};
use ccms_persistence::audit::AuditEntry;
use ccms_persistence::identity::{accounts, otp};

use super::bodies::{OtpRequestBody, OtpSent, OtpVerifyBody};
use super::secrets::random_below;
use super::session::{self, TokenPair};
use super::sms::{otp_message, send_code};
use crate::auth::TokenKeys;
use crate::auth::throttle::admit;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::http::client_address;
use crate::problem::{ApiError, FieldIssue};

fn phone(raw: &str) -> Result<PhoneNumber, ApiError> {
    PhoneNumber::parse(raw).map_err(|e| e.at("phone").into())
}

/// Send a sign-in code
///
/// Sends a 6-digit code by SMS, valid 5 minutes. Limited per phone number and per address.
#[utoipa::path(
    operation_id = "request_otp",
    tag = "auth",
    security(()),
    request_body = OtpRequestBody,
    responses((status = 202, description = "Code sent", body = OtpSent))
)]
#[post("/auth/otp")]
pub async fn request_otp(
    ctx: web::Data<AppContext>,
    hashing: web::Data<crate::identity::HashGate>,
    gateway: web::Data<crate::dispatch::Gateway>,
    request: HttpRequest,
    body: JsonBody<OtpRequestBody>,
) -> Result<HttpResponse, ApiError> {
    let phone = phone(&body.0.phone)?;
    // A place at the hashing gate before any database work: a flood is turned away here.
    let place = hashing.admit()?;
    admit(
        &ctx,
        vec![
            ("otp_request_per_phone", phone.as_str().to_owned()),
            ("otp_request_per_address", client_address(&request)),
        ],
    )
    .await?;
    let policy = OtpPolicy::DEFAULT;
    let code = policy.code_from(random_below(10u32.pow(policy.digits))?);
    let now = ctx.now();
    let challenge = OtpChallenge::issue(&policy, now);
    let (stored_phone, expires_at) = (phone.clone(), challenge.expires_at);
    let hashed = hashing.hash(&place, code.clone()).await?;
    let issued = ctx
        .transaction(move |conn| Ok(otp::issue(conn, &stored_phone, hashed, &challenge, now)?))
        .await?;
    // The SMS may take seconds: the gate's place goes back to the next sign-in first.
    drop(place);
    let text = otp_message(&code, policy.lifetime.num_minutes());
    let language = crate::problem::Language::of(&request).notice_language();
    send_code(&ctx, &gateway, &phone, language, text, issued).await?;
    let dev_code = ctx.development.then_some(code);
    Ok(HttpResponse::Accepted().json(OtpSent {
        expires_at,
        dev_code,
    }))
}

enum Verified {
    Yes(TokenPair),
    No(OtpOutcome),
}

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
    if !OtpPolicy::DEFAULT.is_code(&body.0.code) {
        return Err(ApiError::Validation(vec![FieldIssue::new(
            "code",
            "code_format",
        )]));
    }
    let place = hashing.admit()?;
    admit(
        &ctx,
        vec![
            ("otp_verify_per_phone", phone.as_str().to_owned()),
            ("otp_verify_per_address", client_address(&request)),
        ],
    )
    .await?;
    let (now, ttl, code) = (ctx.now(), ctx.access_ttl, body.0.code);
    let request_id = crate::auth::request_id(&request);
    // 1. Take an attempt, in one statement: parallel guesses cannot share one.
    let taken = {
        let phone = phone.clone();
        ctx.transaction(move |conn| {
            let Some(stored) = otp::latest(conn, &phone)? else {
                return Ok(None);
            };
            Ok(otp::take_attempt(conn, stored.id, now)?.map(|left| (stored, left)))
        })
        .await?
    };
    let Some((stored, attempts_left)) = taken else {
        return Err(ApiError::CodeSpent);
    };
    // 2. The slow check, with no transaction open and no connection held.
    let matches = hashing
        .verify(&place, code, stored.code_hash.clone())
        .await?;
    let outcome = OtpChallenge::outcome(matches, attempts_left);
    if outcome != OtpOutcome::Verified {
        return Err(match outcome {
            OtpOutcome::Wrong { .. } => ApiError::WrongCode,
            _ => ApiError::CodeSpent,
        });
    }
    // 3. Spend the code (once, even if two right guesses race) and sign in.
    let verified = ctx
        .transaction(move |conn| {
            if !otp::consume(conn, stored.id)? {
                return Ok(Verified::No(OtpOutcome::Spent));
            }
            let account = accounts::consumer_for_phone(conn, &phone, now)?;
            if account.disabled {
                return Ok(Verified::No(OtpOutcome::Spent));
            }
            ccms_persistence::audit::record(
                conn,
                AuditEntry {
                    at: now,
                    actor: account.id.to_string(),
                    role: account.role.code().to_owned(),
                    action: "auth.otp_sign_in",
                    target_type: "account",
                    target_id: account.id.to_string(),
                    request_id,
                    detail: serde_json::json!({}),
                },
            )?;
            Ok(Verified::Yes(session::issue(
                conn, &keys, &account, None, now, ttl,
            )?))
        })
        .await?;
    match verified {
        Verified::Yes(pair) => Ok(HttpResponse::Ok().json(pair)),
        Verified::No(OtpOutcome::Wrong { .. }) => Err(ApiError::WrongCode),
        Verified::No(_) => Err(ApiError::CodeSpent),
    }
}
