//! Assisted intake: a case an operator files for a caller on the hotline, at a district office,
//! or from an e-mail or a letter. The caller's phone is not taken on trust: the case is held
//! until they send back the code CCMS texted them (`code`), and the words of every SMS about it
//! and of every answer to an SMS command are here (`texts`).

mod code;
mod texts;

pub use code::{CODE_ATTEMPTS, IntakeCode};
pub use texts::{Reply, confirmation_request, reply, state_words, unverified_notice};
