//! E-mail notices over SMTP (`lettre`): a plain-text message in the notice's language, from the
//! deployment's address, with a `Message-ID` made from the notice's id (a retry of the same
//! notice is the same message to a mail server that deduplicates), `Content-Language`, and
//! `Auto-Submitted: auto-generated` (RFC 3834: no vacation replies to CCMS).

use ccms_domain::delivery::notice::Notice;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::DeliveryError;

/// The deployment's mail server and the address notices come from.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    /// `url` as lettre reads it: `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtps://user:pass@host:465` (TLS), `smtp://host:25` (plain, a relay on the same
    /// network); `from` like `CCMS <no-reply@dncrp.gov.bd>`.
    pub fn new(url: &str, from: &str) -> Result<Smtp, DeliveryError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| DeliveryError::Smtp(format!("CCMS_SMTP_URL: {e}")))?
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        let from = from
            .parse()
            .map_err(|e| DeliveryError::Smtp(format!("CCMS_MAIL_FROM {from:?}: {e}")))?;
        Ok(Smtp { transport, from })
    }

    /// One attempt; the error in words, without the recipient.
    pub async fn send(&self, notice: &Notice) -> Result<(), String> {
        let to: Mailbox = notice
            .recipient
            .parse()
            .map_err(|_| "the recipient is not an e-mail address".to_owned())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(notice.text.subject.clone())
            .message_id(Some(format!("<{}@ccms.notice>", notice.id)))
            .header(ContentType::TEXT_PLAIN)
            .header(ContentLanguage(notice.language.code()))
            .header(AutoSubmitted)
            .body(notice.text.body.clone())
            .map_err(|e| format!("building the message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}

/// `Content-Language: bn` or `en` (RFC 3282).
#[derive(Clone)]
struct ContentLanguage(&'static str);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(if s == "bn" { "bn" } else { "en" }))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.to_owned())
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834).
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}
