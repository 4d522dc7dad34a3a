//! The `{key}` of every path under `/complaints/{key}`: a case's id or its tracking number
//! (`CCMS-2026-000123`). Declared once here: a handler that takes `web::Path<CaseKey>` has
//! it in the contract with no annotation of its own.

use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CaseKey {
    /// Case id or tracking number
    #[param(max_length = 64)]
    pub key: String,
}

/// The key as the finders take it (`load_visible(conn, &key, ..)`).
impl std::ops::Deref for CaseKey {
    type Target = str;

    fn deref(&self) -> &str {
        &self.key
    }
}
