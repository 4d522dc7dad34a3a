//! A registered business as a filing names it: only what intake needs (who it is, the
//! marketplace it sells under, its standing, a surge and the matter its new cases join), in
//! one statement, without its domains and details.

use ccms_domain::access::filing::Respondent;
use ccms_domain::registry::{BusinessStatus, Dbid, WebDomain};
use diesel::dsl::exists;
use diesel::prelude::*;
use uuid::Uuid;

use super::codes::from_code;
use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbId;
use crate::schema::{business_domains, businesses, matters, surges};

/// One of the three ways a filing names a business.
#[derive(Debug, Clone, Copy)]
pub enum Named<'a> {
    Id(Uuid),
    Dbid(&'a Dbid),
    Domain(&'a WebDomain),
}

/// A business as intake finds it.
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub respondent: Respondent,
    pub status: BusinessStatus,
    /// In a surge (an open one): the policy may route its new cases to the agency.
    pub surging: bool,
    /// The open collective matter its new cases join, if one takes them.
    pub joining: Option<Uuid>,
}

/// The business `named` finds, as a respondent, with its registry status, whether it is in a
/// surge and the matter new cases join; `None` when no registered business answers to it.
pub fn find(conn: &mut DbConnection, named: Named<'_>) -> Result<Option<Found>, StoreError> {
    let surging = exists(
        surges::table
            .filter(surges::business_id.eq(businesses::id))
            .filter(surges::ended_at.is_null()),
    );
    let joining = matters::table
        .filter(matters::business_id.eq(businesses::id))
        .filter(matters::status.eq("open"))
        .filter(matters::auto_join.eq(true))
        .order(matters::opened_at.desc())
        .select(matters::id)
        .limit(1)
        .single_value();
    let query = businesses::table
        .select((
            businesses::id,
            businesses::parent_id,
            businesses::status,
            surging,
            joining,
        ))
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
    type Row = (DbId, Option<DbId>, String, bool, Option<DbId>);
    let found: Option<Row> = query.first(conn).optional()?;
    found
        .map(|(id, parent, status, surging, joining)| {
            let respondent = Respondent {
                id: id.0,
                parent_id: parent.map(|p| p.0),
            };
            Ok(Found {
                respondent,
                status: from_code(&status)?,
                surging,
                joining: joining.map(|m| m.0),
            })
        })
        .transpose()
}
