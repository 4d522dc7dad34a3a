//! The `{key}` of every path under `/complaints/{key}`: a case's id or its tracking number
//! (`CCMS-2026-000123`), and the paths that also name one of the case's records. Declared once
//! here: a handler names its path with `params(CaseKey)` (or `HearingKey`, ...) and reads the
//! key through `CaseCall`.

use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CaseKey {
    /// Case id or tracking number
    #[param(max_length = 64)]
    pub key: String,
}

/// `/complaints/{key}/hearings/{hearing_id}/...`
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct HearingKey {
    /// Case id or tracking number
    #[param(max_length = 64)]
    pub key: String,
    /// The hearing
    pub hearing_id: Uuid,
}

/// `/complaints/{key}/obligations/{obligation_id}/...`
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ObligationKey {
    /// Case id or tracking number
    #[param(max_length = 64)]
    pub key: String,
    /// The obligation
    pub obligation_id: Uuid,
}

/// `/complaints/{key}/evidence/{evidence_id}`
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct EvidenceKey {
    /// Case id or tracking number
    #[param(max_length = 64)]
    pub key: String,
    /// Evidence id
    pub evidence_id: Uuid,
}
