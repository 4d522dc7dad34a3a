//! The SMS commands the gateway posts (WhatsApp through the same interface): each delivery is
//! claimed by the gateway's message id first, so one posted again does nothing twice. A
//! command on a case counts only from the phone the case was filed with; any other phone, like
//! an unknown number, gets the same "no such complaint of yours" answer and changes nothing.
//! What a command does is an ordinary write of the consumer's (a move, a ledger step), on the
//! timeline and in the audit log with the message's id; the answer goes back by SMS in the
//! case's language.

use ccms_domain::authority::ledger::{ObligationStatus, Party};
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::{Action, CaseCaller, Complaint};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::delivery::notice::Language;
use ccms_domain::inbound::{SmsCommand, SmsVerb};
use ccms_domain::intake::{IntakeCode, Reply, reply};
use ccms_persistence::authority::obligations;
use ccms_persistence::complaints::{self as stored, contacts};
use ccms_persistence::db::savepoint;
use ccms_persistence::intake::{confirmations, inbound};
use ccms_persistence::journal::Journal;
use ccms_persistence::{DbConnection, StoreError, notifications};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::confirming::{self, Confirmation, Via};
use super::sms;
use crate::acting::{self, ActCommand, Precondition};
use crate::books::Books;
use crate::dispatch::WebhookKey;
use crate::moves::timeline;
use crate::settling::{self, Settlement};
use crate::stage::OnCase;
use crate::{Actor, UseCaseError};

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
    let reply_id = Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("sms-reply:{}", message.id).as_bytes(),
    );
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

/// The command's effect and the case it was about (only when the phone owns it).
fn obey(
    conn: &mut DbConnection,
    message: &InboundSms,
    command: &SmsCommand,
    key: &WebhookKey,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<(Reply, Option<Complaint>), UseCaseError> {
    if let Some(code) = &command.code {
        return verify(conn, message, code, key, books, now);
    }
    let Some(number) = &command.case else {
        contacts::stop_sms_of_phone(conn, message.from.as_str())?;
        return Ok((Reply::Stopped { tracking: None }, None));
    };
    let case = match stored::find_by_tracking(conn, number) {
        Ok(case) if case.consumer_phone == message.from => case,
        Ok(_) | Err(StoreError::NotFound) => return Ok((Reply::NotYours, None)),
        Err(other) => return Err(other.into()),
    };
    stored::lock(conn, case.id)?;
    let tracking = case.tracking_number.as_str().to_owned();
    let on = OnCase {
        who: consumer_of(&case),
        actor: actor_of(&case, message),
        key: case.id.to_string(),
    };
    let done = match command.verb {
        SmsVerb::Status => Some(Reply::Status {
            tracking: tracking.clone(),
            state: case.state,
        }),
        SmsVerb::Stop => {
            contacts::stop_sms(conn, &[case.id])?;
            Some(Reply::Stopped {
                tracking: Some(tracking.clone()),
            })
        }
        SmsVerb::Accept | SmsVerb::Reject => {
            let (action, answer) = match command.verb {
                SmsVerb::Accept => (
                    Action::Accept,
                    Reply::Accepted {
                        tracking: tracking.clone(),
                    },
                ),
                _ => (
                    Action::Reject,
                    Reply::Rejected {
                        tracking: tracking.clone(),
                    },
                ),
            };
            let act = ActCommand {
                on,
                action,
                details: Default::default(),
                precondition: Precondition::Any,
            };
            attempt(conn, |conn| acting::act(conn, act, books, now).map(|_| ()))?.then_some(answer)
        }
        SmsVerb::Confirm | SmsVerb::Dispute => {
            let paid = obligations::for_complaint(conn, case.id)?
                .into_iter()
                .find(|o| {
                    o.status == ObligationStatus::Paid && o.kind.parties().1 == Party::Consumer
                });
            match paid {
                None => None,
                Some(obligation) => {
                    let (step, answer) = match command.verb {
                        SmsVerb::Confirm => (
                            Settlement::Confirm,
                            Reply::PaymentConfirmed {
                                tracking: tracking.clone(),
                            },
                        ),
                        _ => (
                            Settlement::Dispute {
                                reason: "Not received (said by SMS)".into(),
                            },
                            Reply::PaymentDisputed {
                                tracking: tracking.clone(),
                            },
                        ),
                    };
                    let target = (on, obligation.id);
                    attempt(conn, |conn| {
                        settling::settle(conn, target, step, books, now).map(|_| ())
                    })?
                    .then_some(answer)
                }
            }
        }
        SmsVerb::Verify => None,
    };
    let answer = done.unwrap_or(Reply::NotNow { tracking });
    Ok((answer, Some(case)))
}

/// A code from the phone: the held case of that phone it is the code of, if any. A wrong code
/// spends a try of every held case of the phone, so texting codes cannot guess more often
/// than the tries of one case allow.
fn verify(
    conn: &mut DbConnection,
    message: &InboundSms,
    code: &IntakeCode,
    key: &WebhookKey,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<(Reply, Option<Complaint>), UseCaseError> {
    let waiting = confirmations::waiting_for_phone(conn, message.from.as_str())?;
    let matching = waiting
        .iter()
        .find(|p| key.code_matches(p.complaint_id, code.as_str(), &p.code_digest));
    let Some(newest) = waiting.first() else {
        return Ok((Reply::NotYours, None));
    };
    let Some(pending) = matching else {
        let mut left = i32::MAX;
        for pending in &waiting {
            confirmations::spend_attempt(conn, pending.complaint_id)?;
            left = left.min(pending.attempts_left - 1);
        }
        let answer = if left > 0 {
            Reply::WrongCode { left }
        } else {
            Reply::Locked
        };
        return Ok((answer, Some(stored::find(conn, newest.complaint_id)?)));
    };
    let case = stored::find(conn, pending.complaint_id)?;
    stored::lock(conn, case.id)?;
    let actor = actor_of(&case, message);
    let offered = confirming::offer(conn, &case, (code, key), (Via::Sms, &actor), books, now);
    let answer = match offered {
        Ok(Confirmation::Confirmed(after)) => Reply::Confirmed {
            tracking: after.tracking_number.as_str().to_owned(),
        },
        Ok(Confirmation::WrongCode { left }) => Reply::WrongCode { left },
        Err(UseCaseError::Conflict(_)) => Reply::Locked,
        Err(other) => return Err(other),
    };
    Ok((answer, Some(case)))
}

/// Runs a write of the consumer's under a savepoint: `false` when the case cannot take it now
/// (the lifecycle or the ledger refuses), with nothing of it written.
fn attempt(
    conn: &mut DbConnection,
    write: impl FnOnce(&mut DbConnection) -> Result<(), UseCaseError>,
) -> Result<bool, UseCaseError> {
    match savepoint(conn, write) {
        Ok(()) => Ok(true),
        Err(UseCaseError::Refused(_) | UseCaseError::Conflict(_) | UseCaseError::Forbidden) => {
            Ok(false)
        }
        Err(other) => Err(other),
    }
}

/// The complainant, as the case rules see them.
fn consumer_of(case: &Complaint) -> CaseCaller {
    CaseCaller {
        role: ccms_domain::access::Role::Consumer,
        account_id: Some(case.consumer_id),
        client_id: None,
        business_id: None,
        agency: None,
    }
}

/// The complainant, writing through the SMS `message` (its id in the audit's request id).
fn actor_of(case: &Complaint, message: &InboundSms) -> Actor {
    Actor {
        id: case.consumer_id.to_string(),
        role: "consumer".into(),
        request_id: Some(format!("{}:{}", message.channel, message.id)),
    }
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
