//! Reading the audit log: filtered, in chain order, one page at a time. Only linked entries
//! are listed: row numbers are taken before commit, so paging by them could pass a row that
//! commits later, while chain positions are given in order after commit.

use ccms_domain::audit::AuditRecord;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::Row;
use crate::db::DbConnection;
use crate::db::types::DbTime;
use crate::schema::{audit_entries, audit_read_targets};
use crate::{Page, PageRequest, StoreError};

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// The page cursor holds the last entry's chain position in a UUID, like every other cursor.
fn cursor_of(index: i64) -> Uuid {
    Uuid::from_u64_pair(0, u64::try_from(index).unwrap_or(0))
}

pub fn list(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    page: &PageRequest,
) -> Result<Page<AuditRecord>, StoreError> {
    let limit = page.limit();
    let mut query = audit_entries::table
        .filter(audit_entries::chain_index.is_not_null())
        .order(audit_entries::chain_index.asc())
        .limit(limit + 1)
        .into_boxed();
    if let Some(after) = page.after()? {
        let (_, index) = after.as_u64_pair();
        let index = i64::try_from(index).unwrap_or(i64::MAX);
        query = query.filter(audit_entries::chain_index.gt(index));
    }
    if let Some(actor) = &filter.actor {
        query = query.filter(audit_entries::actor.eq(actor.clone()));
    }
    if let Some(action) = &filter.action {
        query = query.filter(audit_entries::action.eq(action.clone()));
    }
    if let Some(target_type) = &filter.target_type {
        query = query.filter(audit_entries::target_type.eq(target_type.clone()));
    }
    if let Some(target_id) = &filter.target_id {
        // Its own entries, and the list pages that showed it (`record_page`).
        let pages = audit_read_targets::table
            .filter(audit_read_targets::target_id.eq(target_id.clone()))
            .select(audit_read_targets::seq);
        query = query.filter(
            audit_entries::target_id
                .eq(target_id.clone())
                .or(audit_entries::seq.eq_any(pages)),
        );
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_entries::at.ge(DbTime::new(from)));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_entries::at.lt(DbTime::new(until)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items: Vec<AuditRecord> = rows.into_iter().map(Row::into_domain).collect();
    Ok(Page::from_rows(items, limit, |r| {
        cursor_of(r.chain_index.unwrap_or_default())
    }))
}
