//! Collective matters, the cases in each (a case is in at most one) and a matter's timeline.

use ccms_domain::collective::{Matter, MatterStatus};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::{matter_cases, matter_events, matters};
use crate::{Page, PageRequest, StoreError};

type Row = (
    DbId,
    DbId,
    String,
    String,
    DbId,
    String,
    bool,
    String,
    DbTime,
    Option<DbTime>,
    i64,
);

fn into_domain(row: Row) -> Result<Matter, StoreError> {
    let (id, business, title, agency, officer, status, auto_join, by, opened, decided, version) =
        row;
    Ok(Matter {
        id: id.0,
        business_id: business.0,
        title,
        agency_code: agency,
        officer_id: officer.0,
        status: from_code(&status)?,
        auto_join,
        opened_by: by,
        opened_at: opened.0,
        decided_at: decided.map(|t| t.0),
        version,
    })
}

pub fn insert(conn: &mut DbConnection, m: &Matter) -> Result<(), StoreError> {
    diesel::insert_into(matters::table)
        .values((
            matters::id.eq(DbId(m.id)),
            matters::business_id.eq(DbId(m.business_id)),
            matters::title.eq(&m.title),
            matters::agency_code.eq(&m.agency_code),
            matters::officer_id.eq(DbId(m.officer_id)),
            matters::status.eq(to_code(&m.status)),
            matters::auto_join.eq(m.auto_join),
            matters::opened_by.eq(&m.opened_by),
            matters::opened_at.eq(DbTime::new(m.opened_at)),
            matters::version.eq(m.version),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Matter, StoreError> {
    let row: Row = matters::table.find(DbId(id)).first(conn)?;
    into_domain(row)
}

/// The matter, its row held until the transaction ends: adding cases, setting its hearing and
/// deciding it take turns (SQLite's transactions already do).
pub fn find_locked(conn: &mut DbConnection, id: Uuid) -> Result<Matter, StoreError> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT 1 FROM matters WHERE id = $1 FOR UPDATE")
            .bind::<diesel::sql_types::Uuid, _>(id)
            .execute(pg)?;
    }
    find(conn, id)
}

/// The matter a case is in, if any.
pub fn of_case(conn: &mut DbConnection, complaint_id: Uuid) -> Result<Option<Matter>, StoreError> {
    let row: Option<Row> = matters::table
        .filter(
            matters::id.eq_any(
                matter_cases::table
                    .filter(matter_cases::complaint_id.eq(DbId(complaint_id)))
                    .select(matter_cases::matter_id),
            ),
        )
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}

/// Matters oldest first, a page at a time; only `agency`'s when given.
pub fn list(
    conn: &mut DbConnection,
    agency: Option<&str>,
    page: &PageRequest,
) -> Result<Page<Matter>, StoreError> {
    let limit = page.limit();
    let mut query = matters::table
        .order(matters::id.asc())
        .limit(limit + 1)
        .into_boxed();
    if let Some(after) = page.after()? {
        query = query.filter(matters::id.gt(DbId(after)));
    }
    if let Some(agency) = agency {
        query = query.filter(matters::agency_code.eq(agency.to_owned()));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items = rows
        .into_iter()
        .map(into_domain)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(items, limit, |m| m.id))
}

/// Puts the case in the matter; `false` when it is in a matter already.
pub fn add_case(
    conn: &mut DbConnection,
    matter: Uuid,
    complaint: Uuid,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let insert = diesel::insert_into(matter_cases::table)
        .values((
            matter_cases::complaint_id.eq(DbId(complaint)),
            matter_cases::matter_id.eq(DbId(matter)),
            matter_cases::added_at.eq(DbTime::new(at)),
        ))
        .on_conflict_do_nothing();
    let inserted = match conn {
        DbConnection::Pg(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    Ok(inserted == 1)
}

/// The matter's cases after `after` in id order, at most `limit`.
pub fn cases(
    conn: &mut DbConnection,
    matter: Uuid,
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Uuid>, StoreError> {
    let mut query = matter_cases::table
        .filter(matter_cases::matter_id.eq(DbId(matter)))
        .order(matter_cases::complaint_id.asc())
        .select(matter_cases::complaint_id)
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(matter_cases::complaint_id.gt(DbId(after)));
    }
    let ids: Vec<DbId> = query.load(conn)?;
    Ok(ids.into_iter().map(|id| id.0).collect())
}

pub fn case_count(conn: &mut DbConnection, matter: Uuid) -> Result<i64, StoreError> {
    Ok(matter_cases::table
        .filter(matter_cases::matter_id.eq(DbId(matter)))
        .count()
        .get_result(conn)?)
}

/// Moves the matter to `status` if it is still at `current.version`.
pub fn set_status(
    conn: &mut DbConnection,
    current: &Matter,
    status: MatterStatus,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let changed = diesel::update(
        matters::table
            .find(DbId(current.id))
            .filter(matters::version.eq(current.version)),
    )
    .set((
        matters::status.eq(to_code(&status)),
        matters::decided_at.eq(Some(DbTime::new(at))),
        matters::version.eq(current.version + 1),
    ))
    .execute(conn)?;
    if changed == 1 {
        Ok(())
    } else {
        Err(StoreError::StaleVersion {
            current: current.version,
        })
    }
}

/// One entry of a matter's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct MatterEvent {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: String,
    pub detail: Value,
}

pub fn record(
    conn: &mut DbConnection,
    matter: Uuid,
    (at, actor): (DateTime<Utc>, &str),
    kind: &str,
    detail: Value,
) -> Result<(), StoreError> {
    diesel::insert_into(matter_events::table)
        .values((
            matter_events::matter_id.eq(DbId(matter)),
            matter_events::at.eq(DbTime::new(at)),
            matter_events::actor.eq(actor),
            matter_events::kind.eq(kind),
            matter_events::detail.eq(DbJson(detail)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The matter's timeline, oldest first (at most `limit` entries).
pub fn timeline(
    conn: &mut DbConnection,
    matter: Uuid,
    limit: i64,
) -> Result<Vec<MatterEvent>, StoreError> {
    let rows: Vec<(i64, DbTime, String, String, DbJson)> = matter_events::table
        .filter(matter_events::matter_id.eq(DbId(matter)))
        .order(matter_events::seq.asc())
        .select((
            matter_events::seq,
            matter_events::at,
            matter_events::actor,
            matter_events::kind,
            matter_events::detail,
        ))
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(seq, at, actor, kind, detail)| MatterEvent {
            seq,
            at: at.0,
            actor,
            kind,
            detail: detail.0,
        })
        .collect())
}

/// What a coordinator narrows "every case at the directorate" by.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub category: Option<ccms_domain::complaint::Category>,
    pub filed_from: Option<DateTime<Utc>>,
    pub filed_before: Option<DateTime<Utc>>,
}

/// The business's cases in `states` that are in no matter and pass `filter`, after `after` in
/// id order, at most `limit`: what "every case at the directorate" adds.
pub fn candidates(
    conn: &mut DbConnection,
    (business, filter): (Uuid, &CaseFilter),
    states: &[ccms_domain::complaint::State],
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Uuid>, StoreError> {
    use crate::schema::complaints;
    let joined = matter_cases::table
        .filter(matter_cases::complaint_id.eq(complaints::id))
        .select(matter_cases::matter_id);
    let mut query = complaints::table
        .filter(complaints::business_id.eq(DbId(business)))
        .filter(complaints::state.eq_any(states.iter().map(to_code).collect::<Vec<_>>()))
        .filter(diesel::dsl::not(diesel::dsl::exists(joined)))
        .order(complaints::id.asc())
        .select(complaints::id)
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(complaints::id.gt(DbId(after)));
    }
    if let Some(category) = &filter.category {
        query = query.filter(complaints::category.eq(to_code(category)));
    }
    if let Some(from) = filter.filed_from {
        query = query.filter(complaints::created_at.ge(DbTime::new(from)));
    }
    if let Some(before) = filter.filed_before {
        query = query.filter(complaints::created_at.lt(DbTime::new(before)));
    }
    let ids: Vec<DbId> = query.load(conn)?;
    Ok(ids.into_iter().map(|id| id.0).collect())
}
