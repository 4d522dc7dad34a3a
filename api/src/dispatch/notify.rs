//! Sending due notices through the gateway: the log by default, or a generic HTTP gateway
//! that receives each notice as JSON and answers 2xx when it has taken it.

use ccms_domain::delivery::notice::{Channel, Notice, NoticeStatus};
use ccms_persistence::notifications;
use futures_util::future::join_all;
use serde_json::json;

use super::{DispatchReport, Dispatcher, LEASE, SEND_BATCH, jitter};
use crate::clock::Clock;
use crate::problem::ApiError;

pub enum Gateway {
    /// Writes each notice to the log; the text only in development, the recipient masked.
    Log { reveal: bool },
    /// POSTs `{id, channel, to, language, subject, body}` to `url`.
    Http {
        client: reqwest::Client,
        url: String,
    },
}

impl Gateway {
    pub async fn send(&self, notice: &Notice) -> Result<(), String> {
        match self {
            Gateway::Log { reveal } => {
                let shown = if *reveal {
                    notice.text.body.as_str()
                } else {
                    "(text hidden in production)"
                };
                log::info!("{:?} to {}: {shown}", notice.channel, masked(notice));
                Ok(())
            }
            Gateway::Http { client, url } => {
                let channel = match notice.channel {
                    Channel::Sms => "sms",
                    Channel::Email => "email",
                };
                let response = client
                    .post(url)
                    .json(&json!({
                        "id": notice.id,
                        "channel": channel,
                        "to": notice.recipient,
                        "language": notice.language.code(),
                        "subject": notice.text.subject,
                        "body": notice.text.body,
                    }))
                    .send()
                    .await
                    .map_err(|e| e.without_url().to_string())?;
                if response.status().is_success() {
                    Ok(())
                } else {
                    Err(format!("gateway answered {}", response.status().as_u16()))
                }
            }
        }
    }
}

/// Enough of the recipient to tell messages apart in a log, not to identify the person.
fn masked(notice: &Notice) -> String {
    use ccms_domain::transparency::masking::{mask_email, mask_phone};
    match notice.channel {
        Channel::Sms => mask_phone(&notice.recipient),
        Channel::Email => mask_email(&notice.recipient),
    }
}

pub(super) async fn due(
    dispatcher: &Dispatcher,
    clock: &dyn Clock,
    report: &mut DispatchReport,
) -> Result<(), ApiError> {
    let (store, now) = (dispatcher.store.clone(), clock.now());
    let taken = actix_web::web::block(move || {
        store.transaction(|conn| {
            Ok::<_, ApiError>(notifications::take_due(conn, now, LEASE, SEND_BATCH)?)
        })
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    let sent = join_all(taken.iter().map(|n| dispatcher.gateway.send(n))).await;
    let now = clock.now();
    for (notice, result) in taken.into_iter().zip(sent) {
        let (status, next, error) = match result {
            Ok(()) => {
                report.notices_sent += 1;
                (NoticeStatus::Sent, None, None)
            }
            Err(error) => match dispatcher
                .schedule
                .next_attempt(notice.created_at, now, jitter())
            {
                Some(next) => (NoticeStatus::Pending, Some(next), Some(error)),
                None => (NoticeStatus::Failed, None, Some(error)),
            },
        };
        let store = dispatcher.store.clone();
        let recorded = actix_web::web::block(move || {
            store.transaction(|conn| {
                Ok::<_, ApiError>(notifications::record(
                    conn, &notice, status, next, error, now,
                )?)
            })
        })
        .await;
        if !matches!(recorded, Ok(Ok(()))) {
            log::error!("dispatcher: a notice's outcome could not be recorded: {recorded:?}");
        }
    }
    Ok(())
}
