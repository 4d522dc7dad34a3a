//! What consumers send CCMS by SMS (or WhatsApp, through the same gateway interface): a command
//! in Bangla or English keywords with Bangla or ASCII digits, read into one of a few commands.

mod command;

pub use command::{KEYWORDS, SmsCommand, SmsVerb};
