//! One-time codes by SMS. A code is sent at once through the deployment's gateway (the same one
//! case notices use), not queued behind the dispatcher's rounds: a consumer waits for it on the
//! sign-in screen. A failed attempt is retried twice at once; each attempt is logged with the
//! number masked and never the code (outside development), and the send is kept in the notice
//! log with its digits hidden, so support sees that a code went out and to whom, never which.

use std::time::Duration;

use ccms_domain::contact::PhoneNumber;
use ccms_domain::delivery::notice::{Channel, Language, Notice, NoticeStatus, NoticeText};
use uuid::Uuid;

use crate::context::AppContext;
use crate::dispatch::Gateway;
use crate::problem::ApiError;

/// Attempts per code, and the pause before each retry: a code lives minutes, so retries are
/// quick and few; the gateway deduplicates by the notice's id.
const ATTEMPTS: [Duration; 3] = [
    Duration::ZERO,
    Duration::from_millis(250),
    Duration::from_millis(1000),
];

/// `+88017*****678`: enough to tell messages apart, not enough to identify the person.
pub fn mask(phone: &PhoneNumber) -> String {
    ccms_domain::transparency::masking::mask_phone(phone.as_str())
}

/// The one-time code message, in Bangla and English.
pub fn otp_message(code: &str, minutes: i64) -> String {
    format!(
        "CCMS: your code is {code}, valid {minutes} minutes. CCMS: আপনার কোড {code}, {minutes} মিনিট বৈধ। Never share it."
    )
}

/// Sends `text` to `phone` through `gateway`, retrying a failed attempt, and keeps the send in
/// the notice log (digits hidden). Fails with 503 when every attempt failed.
pub async fn send_code(
    ctx: &AppContext,
    gateway: &Gateway,
    phone: &PhoneNumber,
    language: Language,
    text: String,
    challenge: Uuid,
) -> Result<(), ApiError> {
    let mut notice = Notice {
        id: Uuid::now_v7(),
        event_id: challenge,
        channel: Channel::Sms,
        recipient: phone.as_str().to_owned(),
        language,
        text: NoticeText {
            subject: "Sign-in code".to_owned(),
            body: text,
        },
        status: NoticeStatus::Pending,
        attempts: 0,
        next_attempt_at: None,
        created_at: ctx.now(),
    };
    let mut error = None;
    for pause in ATTEMPTS {
        actix_web::rt::time::sleep(pause).await;
        notice.attempts += 1;
        match gateway.deliver(&notice).await {
            Ok(()) => {
                log::info!("sign-in code to {}: sent", mask(phone));
                error = None;
                break;
            }
            Err(cause) => {
                log::warn!(
                    "sign-in code to {}: attempt {} failed: {cause}",
                    mask(phone),
                    notice.attempts
                );
                error = Some(cause);
            }
        }
    }
    notice.status = match error {
        None => NoticeStatus::Sent,
        Some(_) => NoticeStatus::Failed,
    };
    notice.text.body = hide_digits(&notice.text.body);
    let (kept, at, cause) = (notice, ctx.now(), error.clone());
    ctx.transaction(move |conn| {
        Ok(ccms_persistence::notifications::keep_sent(
            conn, &kept, cause, at,
        )?)
    })
    .await?;
    match error {
        None => Ok(()),
        Some(cause) => Err(ApiError::Unavailable(format!("SMS gateway: {cause}"))),
    }
}

/// The text as the notice log keeps it: every digit (ASCII or Bangla) replaced by `*`.
fn hide_digits(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_numeric() { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_masked_in_the_middle() {
        let phone = PhoneNumber::parse("01712345678").unwrap();
        assert_eq!(mask(&phone), "+88017*****678");
    }

    #[test]
    fn the_kept_text_hides_the_code_in_either_script() {
        assert_eq!(hide_digits("code 123456, ৫ min"), "code ******, * min");
    }
}
