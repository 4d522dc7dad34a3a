//! Configuration of webhook delivery and notifications.

use ccms_domain::delivery::DestinationRules;
use clap::{Args, ValueEnum};

use super::guard::Names;
use ccms_usecases::dispatch::WebhookKey;

/// Why delivery cannot start; each says what to change.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(
        "CCMS_WEBHOOK_KEY must be a random key of at least {MIN_KEY_BYTES} bytes in production (for example `openssl rand -base64 48`)"
    )]
    MissingWebhookKey,
    #[error("CCMS_NOTIFY_GATEWAY_URL {0:?} is not an http:// or https:// URL")]
    GatewayUrl(String),
    #[error("HTTP client for webhooks: {0}")]
    HttpClient(String),
    #[error(
        "CCMS_SMS_INBOUND_SECRET must be `whsec_` and at least 32 random bytes in base64 (for example `whsec_$(openssl rand -base64 32)`)"
    )]
    InboundSecret,
    #[error("{0}")]
    Smtp(String),
}

/// The key development uses when none is set. Production refuses to start with it.
const DEVELOPMENT_WEBHOOK_KEY: &str = "ccms-development-webhook-key-never-use-in-production";
const MIN_KEY_BYTES: usize = 32;

/// Destinations a deployment allows besides public HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Allowance {
    /// Plain `http://` URLs.
    Http,
    /// Loopback addresses (127.0.0.0/8, ::1): tests.
    Loopback,
    /// Private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): a closed network.
    Private,
}

#[derive(Debug, Clone, Args)]
pub struct DeliverySettings {
    /// Key every webhook signing secret is derived from, at least 32 bytes; required in
    /// production. Changing it changes every subscription's secret.
    #[arg(long, env = "CCMS_WEBHOOK_KEY", hide_env_values = true)]
    pub webhook_key: Option<String>,

    /// Webhook destinations allowed besides public HTTPS, comma-separated: `http`, `loopback`,
    /// `private`. Link-local and cloud-metadata addresses are never allowed.
    #[arg(long, env = "CCMS_WEBHOOK_ALLOW", value_enum, value_delimiter = ',')]
    pub webhook_allow: Vec<Allowance>,

    /// Dispatcher rounds in a row in which every attempt to a subscription failed, after which
    /// it is disabled and its owner told (once the failures have also lasted
    /// CCMS_WEBHOOK_DISABLE_AFTER_HOURS).
    #[arg(long, env = "CCMS_WEBHOOK_DISABLE_AFTER", default_value_t = 30)]
    pub webhook_disable_after: u32,

    /// Hours a run of failures must last before the subscription is disabled.
    #[arg(long, env = "CCMS_WEBHOOK_DISABLE_AFTER_HOURS", default_value_t = 24)]
    pub webhook_disable_after_hours: u32,

    /// Seconds between dispatcher rounds inside `serve` (0: do not run it there).
    #[arg(long, env = "CCMS_DISPATCH_INTERVAL_SECS", default_value_t = 5)]
    pub dispatch_interval_secs: u64,

    /// An HTTP gateway for SMS and e-mail (each notice is POSTed as JSON); unset, notices go
    /// to the log.
    #[arg(long, env = "CCMS_NOTIFY_GATEWAY_URL")]
    pub notify_gateway_url: Option<String>,

    /// An SMTP server for e-mail notices: `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtps://user:pass@host:465` (TLS) or `smtp://relay:25`. Unset, e-mail goes the way SMS
    /// goes (the HTTP gateway, or the log).
    #[arg(long, env = "CCMS_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of e-mail notices.
    #[arg(
        long,
        env = "CCMS_MAIL_FROM",
        default_value = "CCMS <no-reply@dncrp.gov.bd>"
    )]
    pub mail_from: String,

    /// The secret the SMS gateway signs the messages it posts to `POST /api/v1/inbound/sms`
    /// with (Standard Webhooks: `whsec_` and base64). Unset, inbound SMS is refused (401);
    /// development uses a published one.
    #[arg(long, env = "CCMS_SMS_INBOUND_SECRET", hide_env_values = true)]
    pub sms_inbound_secret: Option<String>,

    /// How webhook hosts are resolved: the system's resolver, or a table (tests).
    #[arg(skip)]
    pub names: Names,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings {
            webhook_key: None,
            webhook_allow: Vec::new(),
            webhook_disable_after: 30,
            webhook_disable_after_hours: 24,
            dispatch_interval_secs: 0,
            notify_gateway_url: None,
            sms_inbound_secret: None,
            smtp_url: None,
            mail_from: "CCMS <no-reply@dncrp.gov.bd>".into(),
            names: Names::System,
        }
    }
}

impl DeliverySettings {
    pub fn disable_rule(&self) -> ccms_domain::delivery::DisableRule {
        ccms_domain::delivery::DisableRule {
            rounds: self.webhook_disable_after.max(1),
            lasting: chrono::Duration::hours(i64::from(self.webhook_disable_after_hours)),
        }
    }

    pub fn destination_rules(&self) -> DestinationRules {
        DestinationRules {
            allow_http: self.webhook_allow.contains(&Allowance::Http),
            allow_loopback: self.webhook_allow.contains(&Allowance::Loopback),
            allow_private: self.webhook_allow.contains(&Allowance::Private),
        }
    }

    pub fn webhook_key(&self, production: bool) -> Result<WebhookKey, DeliveryError> {
        match (&self.webhook_key, production) {
            (None, false) => Ok(WebhookKey::new(DEVELOPMENT_WEBHOOK_KEY.as_bytes())),
            (None, true) => Err(DeliveryError::MissingWebhookKey),
            (Some(key), true) if key == DEVELOPMENT_WEBHOOK_KEY => {
                Err(DeliveryError::MissingWebhookKey)
            }
            (Some(key), _) if key.len() < MIN_KEY_BYTES => Err(DeliveryError::MissingWebhookKey),
            (Some(key), _) => Ok(WebhookKey::new(key.as_bytes())),
        }
    }
}
