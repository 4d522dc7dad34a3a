//! Rejections of raw input. Each names the field and a stable rule code, so the API can
//! answer with a field list and translate the message without parsing text.

use thiserror::Error;

/// One field that failed a rule; `rule` is a stable machine code (`format`, `length`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub rule: &'static str,
}

impl FieldError {
    pub fn new(field: impl Into<String>, rule: &'static str) -> Self {
        Self {
            field: field.into(),
            rule,
        }
    }
}

/// Input that cannot become a domain value; carries every failing field at once.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid input: {} field(s)", .0.len())]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn field(field: impl Into<String>, rule: &'static str) -> Self {
        Self(vec![FieldError::new(field, rule)])
    }

    /// Puts every field under `parent` (`amount_poisha` becomes `remedy.amount_poisha`).
    pub fn under(self, parent: &str) -> Self {
        let nested = self.0.into_iter().map(|e| FieldError {
            field: format!("{parent}.{}", e.field),
            rule: e.rule,
        });
        Self(nested.collect())
    }

    /// Names the field of errors that a value parser left unnamed.
    pub fn at(self, field: &str) -> Self {
        let named = self.0.into_iter().map(|e| FieldError {
            field: if e.field.is_empty() {
                field.to_owned()
            } else {
                e.field
            },
            rule: e.rule,
        });
        Self(named.collect())
    }
}

/// Collects field errors while parsing several fields, so a caller hears about all of them.
#[derive(Debug, Default)]
pub struct Collector(Vec<FieldError>);

impl Collector {
    /// Keeps the value, or records the failure under `field` (a nested path keeps its own name).
    pub fn take<T>(&mut self, field: &str, parsed: Result<T, Invalid>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.0.extend(invalid.at(field).0);
                None
            }
        }
    }

    /// The failures seen so far; call it when a `take` returned `None`.
    pub fn into_invalid(self) -> Invalid {
        Invalid(self.0)
    }

    /// `Ok` when nothing failed, else every failure at once.
    pub fn finish(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.0))
        }
    }
}
