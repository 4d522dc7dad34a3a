//! The next version of the routing and escalation policy: every category routed, every clock
//! set within bounds, every agency it names registered. It applies to cases filed from then on;
//! filed cases keep the version they were routed under.

use ccms_domain::complaint::routing::{RoutingPolicy, RoutingRule};
use ccms_domain::registry::AgencyCode;
use ccms_domain::{FieldError, Invalid};
use ccms_persistence::policy::{self, Publication};
use ccms_persistence::registry::agencies;
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;

use super::{EditedFrom, next_version_taken};
use crate::{Actor, UseCaseError};

/// Whether a draft's retention is its own, or the one in force is kept (a draft that leaves it
/// out: a default could erase years of cases at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    Given,
    InForce,
}

/// Publishes `draft` (its `version` is set here, to the next number) as `actor` at `now`.
pub fn publish_policy(
    conn: &mut DbConnection,
    (mut draft, edited, retention): (RoutingPolicy, EditedFrom, Retention),
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(RoutingPolicy, Publication), UseCaseError> {
    let current = policy::current_version(conn)?.unwrap_or(0);
    if retention == Retention::InForce && current > 0 {
        draft.retention = policy::find(conn, current)?.0.retention;
    }
    draft.version = current + 1;
    draft.check().map_err(|problem| {
        let (field, rule) = problem.field();
        Invalid::field(field, rule)
    })?;
    check_rules(conn, &draft.rules)?;
    edited.check(current)?;
    let by = Publication {
        published_at: now,
        published_by: actor.id.clone(),
    };
    policy::publish(conn, &draft, &by).map_err(next_version_taken(current))?;
    let mut entry = actor.entry(now, "policy.publish", "policy", draft.version);
    entry.detail = json!({ "version": draft.version, "rules": draft.rules.len() });
    ccms_persistence::audit::record(conn, entry)?;
    Ok((draft, by))
}

/// Every rule id, source text and agency code the document cannot hold, at once.
fn check_rules(conn: &mut DbConnection, rules: &[RoutingRule]) -> Result<(), UseCaseError> {
    let mut issues = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let at = |field: &str| format!("rules[{i}].{field}");
        let id_ok = (1..=64).contains(&rule.id.chars().count())
            && rule
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            issues.push(FieldError::new(at("id"), "type"));
        }
        if rule.source.trim().is_empty()
            || rule.source.chars().count() > 500
            || rule.source.contains('\0')
        {
            issues.push(FieldError::new(at("source"), "length"));
        }
        let codes = std::iter::once(&rule.escalation_agency)
            .chain(&rule.referrals)
            .enumerate();
        for (j, raw) in codes {
            let field = if j == 0 {
                at("escalation_agency")
            } else {
                format!("rules[{i}].referrals[{}]", j - 1)
            };
            let known = match AgencyCode::parse(raw) {
                Ok(code) => match agencies::find_by_code(conn, &code) {
                    Ok(_) => true,
                    Err(StoreError::NotFound) => false,
                    Err(other) => return Err(other.into()),
                },
                Err(_) => false,
            };
            if !known {
                issues.push(FieldError::new(field, "unknown_agency"));
            }
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Invalid(issues).into())
    }
}
