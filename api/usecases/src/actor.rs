//! Who does a write and under which request: recorded with the write.

use ccms_persistence::audit::AuditEntry;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub role: String,
    pub request_id: Option<String>,
}

impl Actor {
    /// CCMS itself: the deadline worker, intake routing.
    pub fn system() -> Actor {
        Actor {
            id: "system".into(),
            role: "system".into(),
            request_id: None,
        }
    }

    /// The audit entry of an action this actor took at `at`, with an empty detail.
    pub fn entry(
        &self,
        at: DateTime<Utc>,
        action: &'static str,
        target_type: &'static str,
        target_id: impl ToString,
    ) -> AuditEntry {
        AuditEntry {
            at,
            actor: self.id.clone(),
            role: self.role.clone(),
            action,
            target_type,
            target_id: target_id.to_string(),
            request_id: self.request_id.clone(),
            detail: serde_json::Value::Object(Default::default()),
        }
    }
}
