//! Assisted intake's requests and answers as JSON.

use ccms_domain::complaint::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// What a caller tells the hotline: their tracking number and the phone the case was filed with.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReadOutBody {
    #[schema(pattern = "^CCMS-[0-9]{4}-[0-9]{6,}$", example = "CCMS-2026-000123")]
    pub tracking_number: String,
    #[schema(
        pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$",
        example = "01712345678"
    )]
    pub phone: String,
}

/// What the operator reads out, and nothing more.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadOutView {
    pub tracking_number: String,
    pub state: State,
    /// The state in words, English.
    pub state_en: String,
    /// The state in words, Bangla.
    pub state_bn: String,
    pub filed_at: DateTime<Utc>,
    /// When the case's next legal clock runs out, if one runs.
    pub next_deadline: Option<DateTime<Utc>>,
}

/// The code from the confirmation SMS.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationBody {
    /// Six digits, ASCII or Bangla.
    #[schema(pattern = "^[0-9০-৯]{6}$", example = "482913")]
    pub code: String,
}

/// A message a consumer sent, as the SMS (or WhatsApp) gateway posts it.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InboundSmsBody {
    /// The gateway's own id of the message: CCMS handles each id once, however often it is
    /// posted.
    #[schema(min_length = 1, max_length = 128, example = "gw-7f3a9c")]
    #[validate(length(min = 1, max = 128))]
    pub message_id: String,
    /// The sender's number.
    #[schema(
        pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$",
        example = "+8801712345678"
    )]
    pub from: String,
    /// What they wrote (a command: `STATUS CCMS-2026-000123`, `গ্রহণ ২০২৬-০০০১২৩`, a code).
    #[schema(max_length = 1600, example = "অবস্থা ২০২৬-০০০১২৩")]
    #[validate(length(max = 1600))]
    pub text: String,
    /// `sms` (default) or `whatsapp`.
    #[serde(default)]
    pub channel: InboundChannel,
    /// When the gateway received it (kept only in the gateway's own log).
    pub received_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InboundChannel {
    #[default]
    Sms,
    Whatsapp,
}

impl InboundChannel {
    pub fn code(self) -> &'static str {
        match self {
            InboundChannel::Sms => "sms",
            InboundChannel::Whatsapp => "whatsapp",
        }
    }
}

/// What CCMS did with a message; the consumer's answer goes back by SMS.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboundSmsAnswer {
    pub message_id: String,
    /// `done`, `refused`, `not_now`, `wrong_code` or `not_understood`.
    pub outcome: String,
    /// The same message was handled before: nothing was done this time.
    pub replayed: bool,
}
