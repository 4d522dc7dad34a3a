//! What consumers are told, and when: a text per moment of their case, in Bangla and English.
//! The table is the whole rule; an event not in it tells the consumer nothing.

use serde::{Deserialize, Serialize};

use crate::authority::ledger::{ObligationStatus, Party};
use crate::complaint::State;
use crate::complaint::clocks::ClockKind;

/// `bn` (Bangla) or `en` (English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Bn,
    En,
}

impl Language {
    /// Bangla when `Accept-Language` asks for it first, English otherwise (as error messages).
    pub fn code(self) -> &'static str {
        match self {
            Language::Bn => "bn",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Language {
        if code == "bn" {
            Language::Bn
        } else {
            Language::En
        }
    }
}

/// The moments a consumer hears about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    Received,
    BusinessAnswered,
    Escalated,
    HearingScheduled,
    HearingCancelled,
    Decided,
    /// The business says it paid or delivered the remedy: confirm or dispute.
    RemedyPaid,
    /// The agreed or ordered remedy did not come in time: the consumer may reopen.
    RemedyOverdue,
    /// The case closed: how it ended is in the app, and a failed remedy may still be reopened.
    Closed,
    /// A hearing moved to another time.
    HearingRescheduled,
    /// The consumer's time to answer a proposal ends within the reminder lead.
    AnswerDueSoon,
    /// The business or the directorate asked the consumer for information.
    InfoRequested,
    /// A remedy owed to the consumer falls due soon, unpaid.
    RemedyDueSoon,
}

impl Moment {
    pub const ALL: [Moment; 13] = [
        Moment::Received,
        Moment::BusinessAnswered,
        Moment::Escalated,
        Moment::HearingScheduled,
        Moment::HearingCancelled,
        Moment::Decided,
        Moment::RemedyPaid,
        Moment::RemedyOverdue,
        Moment::Closed,
        Moment::HearingRescheduled,
        Moment::AnswerDueSoon,
        Moment::InfoRequested,
        Moment::RemedyDueSoon,
    ];

    /// The clock whose length the moment's text names, if any.
    pub fn clock(self) -> Option<ClockKind> {
        match self {
            Moment::Received => Some(ClockKind::BusinessAction),
            Moment::BusinessAnswered => Some(ClockKind::ConsumerDecision),
            Moment::Escalated
            | Moment::HearingScheduled
            | Moment::HearingCancelled
            | Moment::Decided
            | Moment::RemedyPaid
            | Moment::RemedyOverdue
            | Moment::Closed
            | Moment::HearingRescheduled
            | Moment::AnswerDueSoon
            | Moment::InfoRequested
            | Moment::RemedyDueSoon => None,
        }
    }
}

/// Event type, and for state changes the state reached, that tell the consumer something.
const MOMENTS: &[(&str, Option<State>, Moment)] = &[
    ("complaint.created", None, Moment::Received),
    (
        "complaint.status_changed",
        Some(State::AwaitingConsumer),
        Moment::BusinessAnswered,
    ),
    (
        "complaint.status_changed",
        Some(State::Escalated),
        Moment::Escalated,
    ),
    ("hearing.scheduled", None, Moment::HearingScheduled),
    ("hearing.cancelled", None, Moment::HearingCancelled),
    ("hearing.rescheduled", None, Moment::HearingRescheduled),
    ("complaint.info_requested", None, Moment::InfoRequested),
    ("complaint.decided", None, Moment::Decided),
    (
        "complaint.status_changed",
        Some(State::Closed),
        Moment::Closed,
    ),
];

/// Ledger events, by the obligation's status, that tell the consumer something. Only
/// obligations owed to the consumer are announced this way (see `Moment::of_ledger`).
const LEDGER_MOMENTS: &[(&str, ObligationStatus, Moment)] = &[
    (
        "obligation.updated",
        ObligationStatus::Paid,
        Moment::RemedyPaid,
    ),
    (
        "obligation.due_soon",
        ObligationStatus::Owed,
        Moment::RemedyDueSoon,
    ),
    (
        "obligation.overdue",
        ObligationStatus::Overdue,
        Moment::RemedyOverdue,
    ),
];

impl Moment {
    pub fn of_event(event_type: &str, to_state: Option<State>) -> Option<Moment> {
        MOMENTS
            .iter()
            .find(|(code, state, _)| *code == event_type && (state.is_none() || *state == to_state))
            .map(|(_, _, moment)| *moment)
    }

    /// The moment a clock's event tells the consumer of: their own time to answer running out.
    pub fn of_clock(event_type: &str, clock: ClockKind) -> Option<Moment> {
        (event_type == "deadline.approaching" && clock == ClockKind::ConsumerDecision)
            .then_some(Moment::AnswerDueSoon)
    }

    /// The moment a ledger event about an obligation the consumer receives tells them of.
    pub fn of_ledger(
        event_type: &str,
        status: ObligationStatus,
        receiver: Party,
    ) -> Option<Moment> {
        LEDGER_MOMENTS
            .iter()
            .find(|(code, at, _)| {
                receiver == Party::Consumer && *code == event_type && *at == status
            })
            .map(|(_, _, moment)| *moment)
    }
}

pub use super::notice_text::text;

/// A message for one consumer, ready for a gateway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeText {
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Sms,
    Email,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeStatus {
    Pending,
    Sent,
    /// The gateway kept refusing it for a day.
    Failed,
}

/// A message to one person through the gateway: a consumer about their case, or a
/// subscription's owner about its subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: uuid::Uuid,
    /// The event it tells of; one notice per event and channel.
    pub event_id: uuid::Uuid,
    pub channel: Channel,
    /// A phone number (`+8801...`) or an e-mail address.
    pub recipient: String,
    pub language: Language,
    pub text: NoticeText,
    pub status: NoticeStatus,
    pub attempts: u32,
    pub next_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}
