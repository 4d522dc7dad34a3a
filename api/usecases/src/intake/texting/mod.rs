//! The SMS commands the gateway posts (WhatsApp through the same interface): each delivery is
//! claimed by the gateway's message id first, so one posted again does nothing twice. A
//! command on a case counts only from the phone the case was filed with; any other phone, like
//! an unknown number, gets the same "no such complaint of yours" answer and changes nothing.
//! What a command does is an ordinary write of the consumer's (a move, a ledger step), on the
//! timeline and in the audit log with the message's id; the answer goes back by SMS in the
//! case's language.
mod codes;
mod commands;

use ccms_domain::complaint::Complaint;
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::contact::PhoneNumber;
use ccms_domain::delivery::notice::Language;
use ccms_domain::inbound::{SmsCommand, SmsVerb};
use ccms_domain::intake::{Reply, reply};
use ccms_persistence::complaints::contacts;
use ccms_persistence::intake::inbound;
use ccms_persistence::journal::Journal;
use ccms_persistence::{DbConnection, notifications};
use chrono::{DateTime, Utc};
use serde_json::json;

use super::sms;
use crate::books::Books;
use crate::dispatch::WebhookKey;
use crate::moves::timeline;
use crate::{Actor, UseCaseError};

use commands::{actor_of, obey};

/// A message as the gateway delivered it.
#[derive(Debug, Clone)]
pub struct InboundSms {
    /// The gateway's id of the message: the same id is handled once.
    pub id: String,
    /// `sms` or `whatsapp`.
    pub channel: &'static str,
    pub from: PhoneNumber,
    pub text: String,
}

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The same message was handled before; nothing was done now.
    pub replayed: bool,
    /// `done`, `refused`, `not_understood`, `wrong_code`, `not_now`.
    pub outcome: String,
}

/// Handles `message` at `now` in the caller's transaction.
pub fn receive(
    conn: &mut DbConnection,
    message: InboundSms,
    key: &WebhookKey,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Received, UseCaseError> {
    let claimed = inbound::Handled {
        verb: None,
        outcome: "received".into(),
        complaint_id: None,
    };
    if !inbound::keep(conn, (&message.id, message.channel), &claimed, now)? {
        let earlier = inbound::find(conn, &message.id)?;
        return Ok(Received {
            replayed: true,
            outcome: earlier.map_or_else(|| "received".into(), |h| h.outcome),
        });
    }
    let command = SmsCommand::parse(&message.text);
    let (answer, case) = match &command {
        None => (Reply::Help, None),
        Some(command) => obey(conn, &message, command, key, books, now)?,
    };
    let outcome = outcome_of(&answer);
    let language = match &case {
        Some(case) => contacts::find(conn, case.id)?.0,
        None => language_of(&message.text),
    };
    let verb = command.as_ref().map(|c| verb_code(c.verb).to_owned());
    inbound::settle(
        conn,
        &message.id,
        &inbound::Handled {
            verb: verb.clone(),
            outcome: outcome.into(),
            complaint_id: case.as_ref().map(|c| c.id),
        },
    )?;
    record(
        conn,
        &message,
        (verb.as_deref(), outcome),
        case.as_ref(),
        now,
    )?;
    let reply_id = ccms_domain::inbound::reply_event_id(&message.id);
    let text = reply(&answer, language);
    notifications::queue(
        conn,
        &[sms(reply_id, message.from.as_str(), language, text, now)],
    )?;
    Ok(Received {
        replayed: false,
        outcome: outcome.into(),
    })
}

/// The message on the case's timeline (when the phone owns the case) and in the audit log.
fn record(
    conn: &mut DbConnection,
    message: &InboundSms,
    (verb, outcome): (Option<&str>, &str),
    case: Option<&Complaint>,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let mut journal = Journal::default();
    let detail = json!({ "message_id": message.id, "channel": message.channel, "verb": verb, "outcome": outcome });
    let entry = match case {
        Some(case) => {
            let actor = actor_of(case, message);
            let texted = Happening::Texted {
                verb: verb.unwrap_or("none").to_owned(),
                channel: message.channel.to_owned(),
                message_id: message.id.clone(),
            };
            journal
                .events
                .push(timeline::entry(case, &actor, now, &texted));
            actor.entry(now, "sms.command", "complaint", case.id)
        }
        None => Actor {
            id: "sms-gateway".into(),
            role: "system".into(),
            request_id: Some(format!("{}:{}", message.channel, message.id)),
        }
        .entry(now, "sms.command", "inbound_message", &message.id),
    };
    journal
        .audit
        .push(ccms_persistence::audit::AuditEntry { detail, ..entry });
    journal.write(conn)?;
    Ok(())
}

fn outcome_of(answer: &Reply) -> &'static str {
    match answer {
        Reply::Status { .. }
        | Reply::Accepted { .. }
        | Reply::Rejected { .. }
        | Reply::PaymentConfirmed { .. }
        | Reply::PaymentDisputed { .. }
        | Reply::Stopped { .. }
        | Reply::Confirmed { .. } => "done",
        Reply::NotNow { .. } => "not_now",
        Reply::NotYours => "refused",
        Reply::WrongCode { .. } | Reply::Locked => "wrong_code",
        Reply::Help => "not_understood",
    }
}

fn verb_code(verb: SmsVerb) -> &'static str {
    match verb {
        SmsVerb::Status => "status",
        SmsVerb::Accept => "accept",
        SmsVerb::Reject => "reject",
        SmsVerb::Confirm => "confirm_payment",
        SmsVerb::Dispute => "dispute_payment",
        SmsVerb::Stop => "stop",
        SmsVerb::Verify => "verify",
    }
}

/// Bangla when the message has a Bangla letter or digit, else English.
fn language_of(text: &str) -> Language {
    if text.chars().any(|c| ('\u{0980}'..='\u{09FF}').contains(&c)) {
        Language::Bn
    } else {
        Language::En
    }
}
