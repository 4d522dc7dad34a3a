//! Demo data for a first start in development: the real agencies, a few made-up businesses,
//! one staff account per role and a partner client, so Swagger UI shows something real and
//! every kind of token can be had at once. Never used in production.

mod accounts;

use ccms_domain::registry::NewBusiness;
use ccms_persistence::registry::{agencies, businesses};
use ccms_persistence::{DbConnection, Store, StoreError};
use chrono::{DateTime, Utc};
use serde::Deserialize;

pub use accounts::{DEMO_PARTNER_ID, DEMO_PARTNER_SECRET, DemoAccount};

use crate::problem::ApiError;
use crate::registry::{NewAgencyBody, NewBusinessBody};

#[derive(Deserialize)]
struct DemoData {
    agencies: Vec<NewAgencyBody>,
    businesses: Vec<DemoBusiness>,
}

#[derive(Deserialize)]
struct DemoBusiness {
    /// Fixed, so the contract's examples and the docs can name a demo business.
    id: uuid::Uuid,
    /// A seller's marketplace, by its DBID (ids are made at insert time).
    parent_dbid: Option<String>,
    business: NewBusinessBody,
}

/// What a first development start added.
#[derive(Debug, Default)]
pub struct Seeded {
    pub registry: bool,
    pub accounts: Vec<DemoAccount>,
}

/// Adds the demo registry if it is empty, and the demo accounts if there are no staff.
pub async fn demo_if_empty(store: &Store, now: DateTime<Utc>) -> Result<Seeded, ApiError> {
    let data: DemoData = serde_json::from_str(include_str!("demo.json"))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let store = store.clone();
    actix_web::web::block(move || {
        store.transaction(move |conn| {
            let registry = insert_registry(conn, data, now)?;
            Ok(Seeded {
                registry,
                accounts: accounts::insert_if_no_staff(conn, now)?,
            })
        })
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
}

fn insert_registry(
    conn: &mut DbConnection,
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
        let stored = businesses::create_with_id(conn, entry.id, &business, now)?;
        created.push((business.dbid.map(|d| d.as_str().to_owned()), stored.id));
    }
    Ok(true)
}
