//! Errors as the API answers them: one enum, one table of codes and texts in Bangla and
//! English, and one place that renders them as `application/problem+json` (RFC 9457).

mod api_error;
pub(crate) mod catalog;
mod language;
mod render;

pub use api_error::{ApiError, FieldIssue, cause_chain};
pub use catalog::{FIELD_RULES, ProblemCode};
pub use language::Language;
pub use render::{Problem, ProblemField, StandardErrorFormat, render_problems};
