//! A registered business as a filing names it: only what intake needs (who it is, the
//! marketplace it sells under, its standing), in one statement, without its domains and
//! details.

use ccms_domain::access::filing::Respondent;
use ccms_domain::registry::{BusinessStatus, Dbid, WebDomain};
use diesel::prelude::*;
use uuid::Uuid;

use super::codes::from_code;
use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbId;
use crate::schema::{business_domains, businesses};

/// One of the three ways a filing names a business.
#[derive(Debug, Clone, Copy)]
pub enum Named<'a> {
    Id(Uuid),
    Dbid(&'a Dbid),
    Domain(&'a WebDomain),
}

/// The business `named` finds, as a respondent, with its registry status; `None` when no
/// registered business answers to it.
pub fn find(
    conn: &mut DbConnection,
    named: Named<'_>,
) -> Result<Option<(Respondent, BusinessStatus)>, StoreError> {
    let query = businesses::table
        .select((businesses::id, businesses::parent_id, businesses::status))
        .into_boxed();
    let query = match named {
        Named::Id(id) => query.filter(businesses::id.eq(DbId(id))),
        Named::Dbid(dbid) => query.filter(businesses::dbid.eq(dbid.as_str().to_owned())),
        Named::Domain(domain) => {
            let owners = business_domains::table
                .filter(business_domains::domain.eq(domain.as_str().to_owned()))
                .select(business_domains::business_id);
            query.filter(businesses::id.eq_any(owners))
        }
    };
    let found: Option<(DbId, Option<DbId>, String)> = query.first(conn).optional()?;
    found
        .map(|(id, parent, status)| {
            let respondent = Respondent {
                id: id.0,
                parent_id: parent.map(|p| p.0),
            };
            Ok((respondent, from_code(&status)?))
        })
        .transpose()
}
