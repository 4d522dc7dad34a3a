//! A held case's code sent from the phone it was filed for.

use ccms_domain::complaint::Complaint;
use ccms_domain::intake::{IntakeCode, Reply};
use ccms_persistence::DbConnection;
use ccms_persistence::complaints as stored;
use ccms_persistence::intake::confirmations;
use chrono::{DateTime, Utc};

use super::InboundSms;
use super::commands::actor_of;
use crate::UseCaseError;
use crate::books::Books;
use crate::dispatch::WebhookKey;
use crate::intake::confirming::{self, Confirmation, Via};

/// A code from the phone: the held case of that phone it is the code of, if any. A wrong code
/// spends a try of every held case of the phone, so texting codes cannot guess more often
/// than the tries of one case allow.
pub(super) fn verify(
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
