//! `POST /inbound/sms`: what consumers text CCMS, posted by the SMS gateway and signed the
//! Standard Webhooks way with the secret CCMS and the gateway share
//! (`CCMS_SMS_INBOUND_SECRET`): `webhook-id`, `webhook-timestamp` (within five minutes of
//! CCMS's clock) and `webhook-signature` (`v1,` and base64 of HMAC-SHA256 over
//! `{id}.{timestamp}.{body}`). A WhatsApp gateway posts to the same endpoint with
//! `channel: whatsapp`.

use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::contact::PhoneNumber;
use ccms_usecases::dispatch::{SigningSecret, WebhookKey};
use ccms_usecases::intake::texting::{self, InboundSms};

use super::bodies::{InboundSmsAnswer, InboundSmsBody};
use crate::context::AppContext;
use crate::dispatch::{DeliveryError, DeliverySettings};
use crate::http::JsonBody;
use crate::problem::ApiError;

/// The secret development signs inbound SMS with (the README's example uses it). Production
/// refuses to start with it.
pub const DEVELOPMENT_INBOUND_SECRET: &str =
    "whsec_Y2Ntcy1kZXZlbG9wbWVudC1pbmJvdW5kLXNtcy1zZWNyZXQtbm90LWZvci1wcm9kdWN0aW9u";

/// How far a signature's timestamp may be from CCMS's clock: a captured request replayed
/// later is refused, a message posted again with a fresh signature is handled once by its id.
const TOLERANCE_SECS: i64 = 300;

/// The gateway's secret; `None`: inbound SMS is off (every post answers 401).
pub struct InboundSecret(Option<SigningSecret>);

impl InboundSecret {
    pub fn from_settings(
        settings: &DeliverySettings,
        production: bool,
    ) -> Result<InboundSecret, DeliveryError> {
        let given = settings
            .sms_inbound_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        match (given, production) {
            (Some(DEVELOPMENT_INBOUND_SECRET), true) => Err(DeliveryError::InboundSecret),
            (Some(secret), _) => SigningSecret::from_encoded(secret)
                .map(|s| InboundSecret(Some(s)))
                .ok_or(DeliveryError::InboundSecret),
            (None, false) => Ok(InboundSecret(SigningSecret::from_encoded(
                DEVELOPMENT_INBOUND_SECRET,
            ))),
            (None, true) => {
                log::warn!("no CCMS_SMS_INBOUND_SECRET: inbound SMS is refused");
                Ok(InboundSecret(None))
            }
        }
    }

    /// Whether the request carries this secret's fresh signature of `body`.
    fn admits(&self, request: &HttpRequest, body: &[u8], now: i64) -> bool {
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (Some(secret), Some(id), Some(timestamp), Some(signature)) = (
            &self.0,
            header("webhook-id"),
            header("webhook-timestamp").and_then(|t| t.parse::<i64>().ok()),
            header("webhook-signature"),
        ) else {
            return false;
        };
        now.abs_diff(timestamp) <= TOLERANCE_SECS.unsigned_abs()
            && secret.verifies(&id, timestamp, body, &signature)
    }
}

/// Receive an SMS (or WhatsApp message) a consumer sent
///
/// For the SMS gateway, signed with the shared secret (see the description of the
/// `sms_gateway` security scheme; an unsigned, wrongly signed or stale post answers
/// `401 signature_invalid`).
/// Commands, in Bangla or English with Bangla or ASCII digits: `STATUS`/`অবস্থা`,
/// `ACCEPT`/`গ্রহণ`, `REJECT`/`প্রত্যাখ্যান`, `RECEIVED`/`পেয়েছি` (a payment arrived),
/// `DISPUTE`/`পাইনি`, each with a tracking number (`CCMS-` may be left out); `STOP`/`বন্ধ`
/// (with or without one); a held case's six-digit code, alone. Each is taken only from the
/// phone the case was filed with; every message is answered by SMS in the case's language. The
/// same `message_id` posted again does nothing twice (`replayed: true`).
#[utoipa::path(operation_id = "receive_sms", tag = "intake", request_body = InboundSmsBody,
    security(("sms_gateway" = [])),
    params(
        ("webhook-id" = String, Header, description = "The delivery's id, as signed"),
        ("webhook-timestamp" = i64, Header, description = "Unix seconds, as signed; within 5 minutes"),
        ("webhook-signature" = String, Header, description = "`v1,` and base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`"),
    ),
    responses((status = 200, description = "Handled (or handled before)", body = InboundSmsAnswer)))]
#[post("/inbound/sms")]
pub async fn receive_sms(
    request: HttpRequest,
    ctx: web::Data<AppContext>,
    secret: web::Data<InboundSecret>,
    key: web::Data<WebhookKey>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let now = ctx.now();
    if !secret.admits(&request, &body, now.timestamp()) {
        return Err(ApiError::BadSignature);
    }
    let JsonBody(body) = JsonBody::<InboundSmsBody>::from_bytes(&body)?;
    let from = PhoneNumber::parse(&body.from).map_err(|e| e.at("from"))?;
    // A phone texting in a loop (an auto-responder answering CCMS's answers) is cut off.
    crate::auth::throttle::admit(
        &ctx,
        vec![("inbound_sms_per_phone", from.as_str().to_owned())],
    )
    .await?;
    let message = InboundSms {
        id: body.message_id.clone(),
        channel: body.channel.code(),
        from,
        text: body.text,
    };
    let key = key.get_ref().clone();
    let received = ctx
        .use_case(move |conn, books| Ok(texting::receive(conn, message, &key, books, now)?))
        .await?;
    Ok(HttpResponse::Ok().json(InboundSmsAnswer {
        message_id: body.message_id,
        outcome: received.outcome,
        replayed: received.replayed,
    }))
}
