//! Assisted intake's rows: the code a held case waits for (`confirmations`) and the SMS
//! commands the gateway posted (`inbound`).

pub mod confirmations;
pub mod inbound;
