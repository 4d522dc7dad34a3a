//! How a filing names the business it is against, and finding it in the registry. A name that
//! matches no registered business is not an error here: admissibility refuses it with its rule.

use ccms_domain::registry::{Business, Dbid, WebDomain};
use ccms_persistence::registry::businesses::{self, BusinessFilter};
use ccms_persistence::{DbConnection, PageRequest, StoreError};
use uuid::Uuid;

/// Exactly one of the three ways to name a business.
#[derive(Debug, Clone)]
pub enum RespondentRef {
    Id(Uuid),
    Dbid(String),
    Domain(String),
}

impl RespondentRef {
    /// The registered business this names, if any.
    pub(super) fn find(&self, conn: &mut DbConnection) -> Result<Option<Business>, StoreError> {
        let filter = match self {
            RespondentRef::Id(id) => {
                return match businesses::find(conn, *id) {
                    Err(StoreError::NotFound) => Ok(None),
                    other => Ok(Some(other?)),
                };
            }
            RespondentRef::Dbid(raw) => match Dbid::parse(raw) {
                Ok(dbid) => BusinessFilter {
                    dbid: Some(dbid),
                    ..BusinessFilter::default()
                },
                Err(_) => return Ok(None),
            },
            RespondentRef::Domain(raw) => match WebDomain::parse(raw) {
                Ok(domain) => BusinessFilter {
                    web_domain: Some(domain),
                    ..BusinessFilter::default()
                },
                Err(_) => return Ok(None),
            },
        };
        Ok(businesses::list(conn, &filter, &PageRequest::default())?
            .items
            .into_iter()
            .next())
    }
}
