//! Assisted intake: holding a case an operator filed until its caller confirms it (`hold`),
//! confirming it with the code (`confirming`), the SMS commands the gateway posts (`texting`),
//! and the status an operator reads out to a caller (`read_out`).

pub mod confirming;
pub mod read_out;
pub mod texting;

use ccms_domain::complaint::Complaint;
use ccms_domain::delivery::notice::{Channel, Language, Notice, NoticeStatus};
use ccms_domain::intake::{CODE_ATTEMPTS, IntakeCode, confirmation_request};
use ccms_persistence::intake::confirmations;
use ccms_persistence::{Batch, DbConnection, notifications};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::UseCaseError;
use crate::dispatch::WebhookKey;

/// The code an operator's filing is held for, and the key its digest is kept under.
#[derive(Clone)]
pub struct IntakeSecret {
    pub code: IntakeCode,
    pub key: WebhookKey,
}

/// Keeps the held case's code (its digest) and queues the SMS that carries it to the caller,
/// in the filing's transaction: the case is never held without its code on the way.
pub(crate) fn hold(
    conn: &mut DbConnection,
    case: &Complaint,
    secret: &IntakeSecret,
    language: Language,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let event_id = Uuid::now_v7();
    let until = case.clocks.next_due().unwrap_or(now);
    let mut batch = Batch::on(conn);
    confirmations::save_batched(
        &mut batch,
        case.id,
        secret.key.code_digest(case.id, secret.code.as_str()),
        CODE_ATTEMPTS,
        event_id,
    );
    batch.run(conn)?;
    let text = confirmation_request(language, case.tracking_number.as_str(), &secret.code, until);
    notifications::queue(
        conn,
        &[sms(
            event_id,
            case.consumer_phone.as_str(),
            language,
            text,
            now,
        )],
    )?;
    Ok(())
}

/// An SMS to `to`, due now; one per `event_id`.
pub(crate) fn sms(
    event_id: Uuid,
    to: &str,
    language: Language,
    text: ccms_domain::delivery::notice::NoticeText,
    now: DateTime<Utc>,
) -> Notice {
    Notice {
        id: Uuid::now_v7(),
        event_id,
        channel: Channel::Sms,
        recipient: to.to_owned(),
        language,
        text,
        status: NoticeStatus::Pending,
        attempts: 0,
        next_attempt_at: Some(now),
        created_at: now,
    }
}
