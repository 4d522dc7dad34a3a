//! What consumers send CCMS by SMS (or WhatsApp, through the same gateway interface): a command
//! in Bangla or English keywords with Bangla or ASCII digits, read into one of a few commands.

mod command;

pub use command::{KEYWORDS, SmsCommand, SmsVerb};

/// The id of the SMS answering inbound message `message_id`: derived from it, so an answer is
/// queued once however often the gateway posts the message, and found again when the case it
/// named is erased.
pub fn reply_event_id(message_id: &str) -> uuid::Uuid {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("sms-reply:{message_id}").as_bytes(),
    )
}
