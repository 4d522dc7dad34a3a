//! Published policy versions, each read from the database once: a version never changes, so
//! a process keeps every version it has seen. Which one is in force is kept by `InForce`: a
//! version published by another `ccms` process applies here within `RECHECK` (an intake does
//! not spend a round trip asking).

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_persistence::{DbConnection, StoreError, policy};

use super::in_force::InForce;
use crate::UseCaseError;

#[derive(Default)]
pub struct PolicyBook {
    versions: RwLock<HashMap<u32, Arc<RoutingPolicy>>>,
    in_force: InForce,
}

impl PolicyBook {
    /// Version `number`; `NotFound` if it was never published.
    pub fn version(
        &self,
        conn: &mut DbConnection,
        number: u32,
    ) -> Result<Arc<RoutingPolicy>, UseCaseError> {
        if let Some(known) = self
            .versions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&number)
        {
            return Ok(known.clone());
        }
        let (loaded, _) = policy::find(conn, number)?;
        let loaded = Arc::new(loaded);
        self.versions
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(number, loaded.clone());
        Ok(loaded)
    }

    /// The version in force: the latest published.
    pub fn current(&self, conn: &mut DbConnection) -> Result<Arc<RoutingPolicy>, UseCaseError> {
        let number = self.in_force.number(|| {
            policy::current_version(conn)?
                .ok_or_else(|| UseCaseError::Broken("no policy version published".into()))
        })?;
        self.version(conn, number)
    }

    /// This process has just published `published`: it applies here from now on.
    pub fn published(&self, published: &RoutingPolicy) {
        self.versions
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(published.version, Arc::new(published.clone()));
        self.in_force.set(published.version);
    }

    /// The version a stored case was routed under; a case naming an unknown version is corrupt.
    pub fn of_case(
        &self,
        conn: &mut DbConnection,
        number: u32,
    ) -> Result<Arc<RoutingPolicy>, UseCaseError> {
        self.version(conn, number).map_err(|e| match e {
            UseCaseError::Store(StoreError::NotFound) => UseCaseError::from(StoreError::Corrupt(
                format!("policy version {number} missing"),
            )),
            other => other,
        })
    }
}

/// Publishes the policy shipped with CCMS as version 1 of an empty database. Blocking.
pub fn publish_shipped(
    store: &ccms_persistence::Store,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, UseCaseError> {
    let shipped: RoutingPolicy =
        serde_json::from_str(ccms_domain::complaint::routing::DEFAULT_POLICY_JSON)
            .map_err(|e| UseCaseError::Broken(format!("shipped policy: {e}")))?;
    shipped
        .check()
        .map_err(|e| UseCaseError::Broken(format!("shipped policy: {e}")))?;
    let by = policy::Publication {
        published_at: now,
        published_by: "system".into(),
    };
    store.transaction(|conn| Ok::<_, UseCaseError>(policy::publish_first(conn, &shipped, &by)?))
}
