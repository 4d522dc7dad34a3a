//! Answers as their reader may see them: the domain's `Disclosure` applied to a JSON body at
//! the one place every case answer passes, so no handler decides what an auditor reads.

use ccms_domain::access::Disclosure;
use serde::Serialize;
use serde_json::Value;

use crate::auth::Caller;
use crate::problem::ApiError;

/// An answer as written, or scrubbed for oversight. Serialized once either way: only an
/// oversight answer goes through a JSON value to be scrubbed.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Disclosed<T> {
    AsWritten(T),
    Scrubbed(Value),
}

/// `answer` for `caller`: as written, or for oversight with every free-text field scrubbed.
pub fn disclosed<T: Serialize>(caller: &Caller, answer: T) -> Result<Disclosed<T>, ApiError> {
    match Disclosure::of(caller.role()) {
        Disclosure::Full => Ok(Disclosed::AsWritten(answer)),
        oversight @ Disclosure::Oversight => {
            let mut value =
                serde_json::to_value(answer).map_err(|e| ApiError::Internal(e.to_string()))?;
            oversight.text_in(&mut value);
            Ok(Disclosed::Scrubbed(value))
        }
    }
}
