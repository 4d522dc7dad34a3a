//! The open dataset's rows.

use std::collections::HashMap;

use ccms_domain::transparency::CaseRecord;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::from_code;
use crate::schema::{businesses, complaints};
use crate::transparency::redress::{Cases, redress_of};

/// Which cases: filed in `[from, until)`, against one business, of one category.
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    pub business_id: Option<Uuid>,
    pub category: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

type Row = (
    DbId,
    String,
    DbId,
    String,
    DbTime,
    String,
    Option<String>,
    Option<DbTime>,
    Option<DbTime>,
    bool,
    String,
    Option<DbTime>,
    DbId,
);

/// Up to `limit` cases after `after` (by their dataset id), with their business's name and
/// their redress as of `now`.
pub fn public_rows(
    conn: &mut DbConnection,
    filter: &PublicFilter,
    (after, limit): (Option<Uuid>, i64),
    now: DateTime<Utc>,
) -> Result<Vec<CaseRecord>, StoreError> {
    let mut query = complaints::table
        // A merged re-filing is counted in its original only; a case its caller never
        // confirmed never reached the business.
        .filter(complaints::merged_into.is_null())
        .filter(crate::complaints::reached_business())
        .order(complaints::public_id.asc())
        .limit(limit)
        .select((
            complaints::public_id,
            complaints::category,
            complaints::business_id,
            complaints::channel,
            complaints::created_at,
            complaints::state,
            complaints::outcome,
            complaints::first_response_at,
            complaints::escalated_at,
            complaints::consent_to_publish,
            complaints::description,
            complaints::reopened_at,
            complaints::id,
        ))
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(complaints::public_id.gt(DbId(after)));
    }
    if let Some(business) = filter.business_id {
        query = query.filter(complaints::business_id.eq(DbId(business)));
    }
    if let Some(category) = &filter.category {
        query = query.filter(complaints::category.eq(category.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(complaints::created_at.ge(DbTime::new(from)));
    }
    if let Some(until) = filter.until {
        query = query.filter(complaints::created_at.lt(DbTime::new(until)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let mut ids: Vec<DbId> = rows.iter().map(|r| r.2).collect();
    ids.sort_unstable_by_key(|id| id.0);
    ids.dedup();
    let names: HashMap<Uuid, String> = businesses::table
        .filter(businesses::id.eq_any(ids))
        .select((businesses::id, businesses::legal_name))
        .load::<(DbId, String)>(conn)?
        .into_iter()
        .map(|(id, name)| (id.0, name))
        .collect();
    let cases: Vec<Uuid> = rows.iter().map(|r| r.12.0).collect();
    let mut redress = redress_of(conn, &Cases::Ids(&cases), now)?;
    rows.into_iter()
        .map(|r| {
            Ok(CaseRecord {
                public_id: r.0.0,
                category: from_code(&r.1)?,
                business_id: r.2.0,
                business_name: names.get(&r.2.0).cloned().unwrap_or_default(),
                channel: from_code(&r.3)?,
                filed_at: r.4.0,
                state: from_code(&r.5)?,
                outcome: r.6.as_deref().map(from_code).transpose()?,
                first_response_at: r.7.map(|t| t.0),
                escalated_at: r.8.map(|t| t.0),
                consent_to_publish: r.9,
                description: r.10,
                reopened_at: r.11.map(|t| t.0),
                redress: redress.remove(&r.12.0).unwrap_or_default(),
            })
        })
        .collect()
}
