//! The gateway consumers' SMS and e-mail go out through: the log by default, or the
//! operator's HTTP gateway; e-mail through the deployment's SMTP server when it names one
//! (`mail.rs`). Case notices reach it from the outbox; one-time codes go straight to it
//! (`identity::sms`), so both share one gateway, one wire format and one log line.

use ccms_domain::delivery::notice::{Channel, Notice};
use ccms_usecases::dispatch::NoticeGateway;
use futures_util::future::BoxFuture;
use serde_json::json;

use super::DeliveryError;
use super::DeliverySettings;
use super::mail::Smtp;

/// Where SMS (and e-mail, without SMTP) go, and the SMTP server e-mail goes to, if any.
pub struct Gateway {
    route: Route,
    smtp: Option<Smtp>,
}

enum Route {
    /// Writes each notice to the log; the text only in development, the recipient masked.
    Log { reveal: bool },
    /// POSTs `{id, channel, to, language, subject, body}` to `url`.
    Http {
        client: reqwest::Client,
        url: String,
    },
}

impl Gateway {
    /// The deployment's gateway: `CCMS_NOTIFY_GATEWAY_URL` if set (and not
    /// empty, as an unfilled `.env` line leaves it), else the log (which shows
    /// texts only outside production).
    pub fn from_settings(
        settings: &DeliverySettings,
        production: bool,
    ) -> Result<Gateway, DeliveryError> {
        let smtp = match settings.smtp_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => Some(Smtp::new(url, &settings.mail_from)?),
            _ => None,
        };
        Ok(Gateway {
            route: Route::from_settings(settings, production)?,
            smtp,
        })
    }

    /// Whether messages reach people (an HTTP gateway) or only the log.
    pub fn is_configured(&self) -> bool {
        matches!(self.route, Route::Http { .. })
    }

    /// One attempt: e-mail by SMTP when a server is named, everything else by the route.
    pub async fn deliver(&self, notice: &Notice) -> Result<(), String> {
        match (&self.smtp, notice.channel) {
            (Some(smtp), Channel::Email) => smtp.send(notice).await,
            _ => self.route.deliver(notice).await,
        }
    }
}

impl Route {
    fn from_settings(
        settings: &DeliverySettings,
        production: bool,
    ) -> Result<Route, DeliveryError> {
        let url = settings.notify_gateway_url.as_deref().map(str::trim);
        Ok(match url.filter(|url| !url.is_empty()) {
            // The operator's own gateway, on whatever network the deployment chose.
            Some(url) => {
                match reqwest::Url::parse(url) {
                    Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {}
                    _ => return Err(DeliveryError::GatewayUrl(url.to_owned())),
                }
                Route::Http {
                    client: super::client(reqwest::Client::builder())?,
                    url: url.to_owned(),
                }
            }
            None => Route::Log {
                reveal: !production,
            },
        })
    }

    /// One attempt. The gateway deduplicates by `id`, so a retry of the same notice is safe.
    async fn deliver(&self, notice: &Notice) -> Result<(), String> {
        match self {
            Route::Log { reveal } => {
                let shown = if *reveal {
                    notice.text.body.as_str()
                } else {
                    "(text hidden in production)"
                };
                log::info!("{:?} to {}: {shown}", notice.channel, masked(notice));
                Ok(())
            }
            Route::Http { client, url } => {
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

impl NoticeGateway for Gateway {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(self.deliver(notice))
    }
}

/// Enough of the recipient to tell messages apart in a log, not to identify the person.
pub fn masked(notice: &Notice) -> String {
    use ccms_domain::transparency::masking::{mask_email, mask_phone};
    match notice.channel {
        Channel::Sms => mask_phone(&notice.recipient),
        Channel::Email => mask_email(&notice.recipient),
    }
}
