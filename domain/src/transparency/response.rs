//! A business's public response to a closed case: one per case, written by the business,
//! public only once a coordinator publishes it, and scrubbed like narratives when shown.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a response stands. A business may rewrite it until it is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    /// Waiting for a coordinator.
    Pending,
    Published,
    /// Not published, with the coordinator's reason; the business may write it again.
    Rejected,
}

/// A coordinator's decision on a pending response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    Publish,
    Reject,
}

impl Moderation {
    pub fn status(self) -> ResponseStatus {
        match self {
            Moderation::Publish => ResponseStatus::Published,
            Moderation::Reject => ResponseStatus::Rejected,
        }
    }
}

/// A response as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicResponse {
    pub complaint_id: Uuid,
    /// At most 1,000 characters, as the business wrote it (the dataset shows it scrubbed).
    pub text: String,
    pub status: ResponseStatus,
    pub submitted_at: DateTime<Utc>,
    pub moderated_at: Option<DateTime<Utc>>,
    /// Why a coordinator did not publish it.
    pub reason: Option<String>,
}

/// Whether the business may (re)write its response now: not once it is published.
pub fn may_write(current: Option<ResponseStatus>) -> bool {
    current != Some(ResponseStatus::Published)
}

/// Whether `role` reads a response in `status`: the consumer only once it is published (they
/// see what the public sees); the business, staff and auditors at every step.
pub fn shown_to(role: crate::access::Role, status: ResponseStatus) -> bool {
    use crate::access::Role;
    match role {
        Role::Consumer | Role::IntakeOperator => status == ResponseStatus::Published,
        Role::BusinessAgent
        | Role::Partner
        | Role::Officer
        | Role::Regulator
        | Role::Coordinator
        | Role::Auditor
        | Role::Admin => true,
    }
}

/// Whether a coordinator may moderate it now: only while it waits.
pub fn may_moderate(current: ResponseStatus) -> bool {
    current == ResponseStatus::Pending
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_is_rewritten_until_published_and_moderated_only_while_pending() {
        assert!(may_write(None));
        assert!(may_write(Some(ResponseStatus::Pending)));
        assert!(may_write(Some(ResponseStatus::Rejected)));
        assert!(!may_write(Some(ResponseStatus::Published)));
        assert!(may_moderate(ResponseStatus::Pending));
        assert!(!may_moderate(ResponseStatus::Published));
        assert!(!may_moderate(ResponseStatus::Rejected));
    }

    #[test]
    fn the_consumer_reads_a_response_only_once_published_the_business_always() {
        use crate::access::Role;
        assert!(!shown_to(Role::Consumer, ResponseStatus::Pending));
        assert!(shown_to(Role::Consumer, ResponseStatus::Published));
        assert!(shown_to(Role::BusinessAgent, ResponseStatus::Rejected));
    }
}
