//! Published versions of the routing and escalation policy. A version is written once and
//! never changed: each case names the version it was routed under, and its clocks follow it.

use ccms_domain::complaint::routing::RoutingPolicy;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbJson, DbTime};
use crate::schema::policy_versions;

/// Who published a version, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub published_at: DateTime<Utc>,
    pub published_by: String,
}

/// The number of the version in force, if any has been published.
pub fn current_version(conn: &mut DbConnection) -> Result<Option<u32>, StoreError> {
    let latest: Option<i32> = policy_versions::table
        .select(diesel::dsl::max(policy_versions::version))
        .first(conn)?;
    Ok(latest.and_then(|v| u32::try_from(v).ok()))
}

pub fn find(
    conn: &mut DbConnection,
    version: u32,
) -> Result<(RoutingPolicy, Publication), StoreError> {
    let number = i32::try_from(version).map_err(|_| StoreError::NotFound)?;
    let (document, published_at, published_by): (DbJson, DbTime, String) = policy_versions::table
        .find(number)
        .select((
            policy_versions::document,
            policy_versions::published_at,
            policy_versions::published_by,
        ))
        .first(conn)?;
    let policy = serde_json::from_value::<RoutingPolicy>(document.0)
        .map_err(|e| StoreError::Corrupt(format!("policy version {version}: {e}")))?
        .normalised()
        .map_err(|e| StoreError::Corrupt(format!("policy version {version}: {e}")))?;
    Ok((
        policy,
        Publication {
            published_at: published_at.0,
            published_by,
        },
    ))
}

/// Stores `policy` under its own version number. Two publishers racing for one number: the
/// second gets `Conflict("version")`.
pub fn publish(
    conn: &mut DbConnection,
    policy: &RoutingPolicy,
    by: &Publication,
) -> Result<(), StoreError> {
    let number = i32::try_from(policy.version)
        .map_err(|_| StoreError::Corrupt("policy version out of range".into()))?;
    let document = serde_json::to_value(policy)
        .map_err(|e| StoreError::Corrupt(format!("policy document: {e}")))?;
    diesel::insert_into(policy_versions::table)
        .values((
            policy_versions::version.eq(number),
            policy_versions::document.eq(DbJson(document)),
            policy_versions::published_at.eq(DbTime::new(by.published_at)),
            policy_versions::published_by.eq(&by.published_by),
        ))
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict("version".into()),
            other => other,
        })?;
    Ok(())
}

/// Publishes `policy` as version 1 of an empty deployment; does nothing once version 1 exists
/// (several processes starting at once: one of them writes it).
pub fn publish_first(
    conn: &mut DbConnection,
    policy: &RoutingPolicy,
    by: &Publication,
) -> Result<bool, StoreError> {
    let document = serde_json::to_value(RoutingPolicy {
        version: 1,
        ..policy.clone()
    })
    .map_err(|e| StoreError::Corrupt(format!("policy document: {e}")))?;
    let insert = diesel::insert_into(policy_versions::table)
        .values((
            policy_versions::version.eq(1),
            policy_versions::document.eq(DbJson(document)),
            policy_versions::published_at.eq(DbTime::new(by.published_at)),
            policy_versions::published_by.eq(&by.published_by),
        ))
        .on_conflict_do_nothing();
    let inserted = match conn {
        DbConnection::Pg(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    Ok(inserted == 1)
}
