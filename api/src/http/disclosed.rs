//! Answers as their reader may see them: the domain's `Disclosure` applied to a JSON body at
//! the one place every case answer passes, so no handler decides what an auditor reads.

use ccms_domain::access::Disclosure;
use serde::Serialize;
use serde_json::Value;

use crate::auth::Caller;
use crate::problem::ApiError;

/// `answer` for `caller`: as written, or for oversight with every free-text field scrubbed.
pub fn disclosed<T: Serialize>(caller: &Caller, answer: T) -> Result<Value, ApiError> {
    let mut value = serde_json::to_value(answer).map_err(|e| ApiError::Internal(e.to_string()))?;
    Disclosure::of(caller.role()).text_in(&mut value);
    Ok(value)
}
