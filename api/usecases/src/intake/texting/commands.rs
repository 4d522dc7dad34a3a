//! What each command does on a case of the phone that sent it: the consumer's own move or
//! ledger step, under a savepoint so a refusal leaves nothing behind.

use ccms_domain::authority::ledger::{ObligationStatus, Party};
use ccms_domain::complaint::{Action, CaseCaller, Complaint};
use ccms_domain::inbound::{SmsCommand, SmsVerb};
use ccms_domain::intake::Reply;
use ccms_persistence::authority::obligations;
use ccms_persistence::complaints::{self as stored, contacts};
use ccms_persistence::db::savepoint;
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, Utc};

use super::InboundSms;
use super::codes::verify;
use crate::acting::{self, ActCommand, Precondition};
use crate::books::Books;
use crate::dispatch::WebhookKey;
use crate::settling::{self, Settlement};
use crate::stage::OnCase;
use crate::{Actor, UseCaseError};

/// The command's effect and the case it was about (only when the phone owns it).
pub(super) fn obey(
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
pub(super) fn actor_of(case: &Complaint, message: &InboundSms) -> Actor {
    Actor {
        id: case.consumer_id.to_string(),
        role: "consumer".into(),
        request_id: Some(format!("{}:{}", message.channel, message.id)),
    }
}
