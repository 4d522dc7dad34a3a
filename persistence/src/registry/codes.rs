//! Enum values as stored: the same snake_case words the API speaks.

use crate::StoreError;

/// Stores `value` by its serde name and reads it back, so the database and the API never disagree.
pub(crate) fn to_code<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => code,
        _ => String::new(),
    }
}

pub(crate) fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .map_err(|_| StoreError::Corrupt(format!("unknown code {code:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccms_domain::registry::{AgencyKind, BusinessKind, BusinessStatus};

    #[test]
    fn codes_round_trip() {
        assert_eq!(to_code(&BusinessKind::Marketplace), "marketplace");
        assert_eq!(
            from_code::<BusinessStatus>("suspended").unwrap(),
            BusinessStatus::Suspended
        );
        assert_eq!(to_code(&AgencyKind::Directorate), "directorate");
        assert!(from_code::<BusinessKind>("bank").is_err());
    }
}
