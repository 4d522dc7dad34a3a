//! Demo data for a first start in development: the real agencies and a few made-up
//! businesses, so Swagger UI shows something real. Never used in production.

use ccms_domain::registry::NewBusiness;
use ccms_persistence::registry::{agencies, businesses};
use ccms_persistence::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::problem::ApiError;
use crate::registry::{NewAgencyBody, NewBusinessBody};

#[derive(Deserialize)]
struct DemoData {
    agencies: Vec<NewAgencyBody>,
    businesses: Vec<DemoBusiness>,
}

#[derive(Deserialize)]
struct DemoBusiness {
    /// A seller's marketplace, by its DBID (ids are made at insert time).
    parent_dbid: Option<String>,
    business: NewBusinessBody,
}

/// Adds the demo data if the registries are empty; returns whether it did.
pub async fn demo_if_empty(store: &Store, now: DateTime<Utc>) -> Result<bool, ApiError> {
    let data: DemoData = serde_json::from_str(include_str!("demo.json"))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let store = store.clone();
    actix_web::web::block(move || store.transaction(move |conn| insert(conn, data, now)))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
}

fn insert(
    conn: &mut ccms_persistence::DbConnection,
    data: DemoData,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    if agencies::count(conn)? > 0 || businesses::count(conn)? > 0 {
        return Ok(false);
    }
    for agency in data.agencies {
        agencies::create(conn, &agency.parse()?, now)?;
    }
    let mut created: Vec<(Option<String>, uuid::Uuid)> = Vec::new();
    for entry in data.businesses {
        let mut business: NewBusiness = entry.business.parse()?;
        if let Some(parent) = entry.parent_dbid {
            let found = created
                .iter()
                .find(|(dbid, _)| dbid.as_deref() == Some(parent.as_str()));
            business.parent_id = Some(found.ok_or(StoreError::NotFound)?.1);
        }
        let stored = businesses::create(conn, &business, now)?;
        created.push((business.dbid.map(|d| d.as_str().to_owned()), stored.id));
    }
    Ok(true)
}
