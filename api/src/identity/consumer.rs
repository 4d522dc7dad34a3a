//! Consumers sign in with a one-time code sent by SMS (`otp_sign_in.rs` trades it for tokens);
//! the first sign-in creates the account.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::identity::{OtpChallenge, OtpPolicy};
use ccms_persistence::identity::otp;

use super::bodies::{OtpRequestBody, OtpSent};
use super::secrets::random_below;
use super::sms::{otp_message, send_code};
use crate::auth::throttle::admit;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::http::client_address;
use crate::problem::ApiError;

/// The phone number as sent, in the form both steps of the sign-in key on.
pub(super) fn phone(raw: &str) -> Result<PhoneNumber, ApiError> {
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
