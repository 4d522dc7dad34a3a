//! How a filing names the business it is against, and finding it in the registry. A name that
//! matches no registered business is not an error here: admissibility refuses it with its rule.

use ccms_domain::registry::{Dbid, WebDomain};
use ccms_persistence::registry::respondents::{self, Found, Named};
use ccms_persistence::{DbConnection, StoreError};
use uuid::Uuid;

/// Exactly one of the three ways to name a business.
#[derive(Debug, Clone)]
pub enum RespondentRef {
    Id(Uuid),
    Dbid(String),
    Domain(String),
}

impl RespondentRef {
    /// The registered business this names, if any, with its standing, surge and matter.
    pub(super) fn find(&self, conn: &mut DbConnection) -> Result<Option<Found>, StoreError> {
        match self {
            RespondentRef::Id(id) => respondents::find(conn, Named::Id(*id)),
            RespondentRef::Dbid(raw) => match Dbid::parse(raw) {
                Ok(dbid) => respondents::find(conn, Named::Dbid(&dbid)),
                Err(_) => Ok(None),
            },
            RespondentRef::Domain(raw) => match WebDomain::parse(raw) {
                Ok(domain) => respondents::find(conn, Named::Domain(&domain)),
                Err(_) => Ok(None),
            },
        }
    }
}
