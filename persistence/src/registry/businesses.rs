use ccms_domain::registry::{Business, BusinessKind, BusinessStatus, Dbid, NewBusiness, WebDomain};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::business_row::Row;
use super::codes::to_code;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::{business_domains, businesses};
use crate::{Page, PageRequest, StoreError};

/// What a registry search narrows by; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct BusinessFilter {
    /// Substring of the legal name or any trade name, any case.
    pub name: Option<String>,
    pub dbid: Option<Dbid>,
    pub web_domain: Option<WebDomain>,
    pub kind: Option<BusinessKind>,
    pub status: Option<BusinessStatus>,
}

pub fn create(
    conn: &mut DbConnection,
    business: &NewBusiness,
    now: DateTime<Utc>,
) -> Result<Business, StoreError> {
    create_with_id(conn, Uuid::now_v7(), business, now)
}

/// As `create`, under an id chosen by the caller: the development demo's businesses keep the
/// same ids on every machine, so the contract's examples can name them.
pub fn create_with_id(
    conn: &mut DbConnection,
    id: Uuid,
    business: &NewBusiness,
    now: DateTime<Utc>,
) -> Result<Business, StoreError> {
    ensure_unique(conn, business, None)?;
    let now = DbTime::new(now);
    let row: Row = diesel::insert_into(businesses::table)
        .values(Row::new(id, business, 1, now, now)?)
        .returning(businesses::all_columns)
        .get_result(conn)?;
    store_domains(conn, id, &business.web_domains)?;
    row.into_domain(business.web_domains.clone())
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Business, StoreError> {
    let row: Row = businesses::table.find(DbId(id)).first(conn)?;
    let domains = domains_of(conn, &[id])?;
    row.into_domain(domains.into_iter().map(|(_, d)| d).collect())
}

/// Replaces a business's details if nobody changed it since `current` was read.
pub fn update(
    conn: &mut DbConnection,
    current: &Business,
    changed: &NewBusiness,
    now: DateTime<Utc>,
) -> Result<Business, StoreError> {
    let expected = current.version;
    ensure_unique(conn, changed, Some(current.id))?;
    let row = Row::new(
        current.id,
        changed,
        expected + 1,
        DbTime::new(current.created_at),
        DbTime::new(now),
    )?;
    let updated: Option<Row> = diesel::update(
        businesses::table
            .filter(businesses::id.eq(DbId(current.id)))
            .filter(businesses::version.eq(expected)),
    )
    .set(row)
    .returning(businesses::all_columns)
    .get_result(conn)
    .optional()?;
    let Some(row) = updated else {
        return Err(StoreError::StaleVersion {
            current: current.version,
        });
    };
    diesel::delete(
        business_domains::table.filter(business_domains::business_id.eq(DbId(current.id))),
    )
    .execute(conn)?;
    store_domains(conn, current.id, &changed.web_domains)?;
    row.into_domain(changed.web_domains.clone())
}

pub fn list(
    conn: &mut DbConnection,
    filter: &BusinessFilter,
    page: &PageRequest,
) -> Result<Page<Business>, StoreError> {
    let limit = page.limit();
    let mut query = businesses::table
        .into_boxed()
        .order(businesses::id.asc())
        .limit(limit + 1);
    if let Some(after) = page.after()? {
        query = query.filter(businesses::id.gt(DbId(after)));
    }
    if let Some(name) = &filter.name {
        query = query.filter(
            businesses::search_text
                .like(contains_pattern(name))
                .escape('\\'),
        );
    }
    if let Some(dbid) = &filter.dbid {
        query = query.filter(businesses::dbid.eq(dbid.as_str().to_owned()));
    }
    if let Some(domain) = &filter.web_domain {
        let owners = business_domains::table
            .filter(business_domains::domain.eq(domain.as_str().to_owned()))
            .select(business_domains::business_id);
        query = query.filter(businesses::id.eq_any(owners));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(businesses::kind.eq(to_code(kind)));
    }
    if let Some(status) = &filter.status {
        query = query.filter(businesses::status.eq(to_code(status)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id.0).collect();
    let domains = domains_of(conn, &ids)?;
    let items = rows
        .into_iter()
        .map(|row| {
            let own = domains
                .iter()
                .filter(|(id, _)| *id == row.id.0)
                .map(|(_, d)| d.clone())
                .collect();
            row.into_domain(own)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(items, limit, |b| b.id))
}

pub fn count(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(businesses::table.count().get_result(conn)?)
}

/// `%text%` for LIKE, lower-cased like the stored search text, with wildcards escaped.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Names the first unique value another business already holds, for a clear 409.
fn ensure_unique(
    conn: &mut DbConnection,
    business: &NewBusiness,
    except: Option<Uuid>,
) -> Result<(), StoreError> {
    let except = DbId(except.unwrap_or_else(Uuid::nil));
    if let Some(dbid) = &business.dbid {
        let taken: i64 = businesses::table
            .filter(businesses::dbid.eq(dbid.as_str().to_owned()))
            .filter(businesses::id.ne(except))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(StoreError::Conflict("dbid".into()));
        }
    }
    let domains: Vec<String> = business
        .web_domains
        .iter()
        .map(|d| d.as_str().to_owned())
        .collect();
    let taken: i64 = business_domains::table
        .filter(business_domains::domain.eq_any(domains))
        .filter(business_domains::business_id.ne(except))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(StoreError::Conflict("web_domains".into()));
    }
    Ok(())
}

fn store_domains(
    conn: &mut DbConnection,
    id: Uuid,
    domains: &[WebDomain],
) -> Result<(), StoreError> {
    for domain in domains {
        diesel::insert_into(business_domains::table)
            .values((
                business_domains::domain.eq(domain.as_str().to_owned()),
                business_domains::business_id.eq(DbId(id)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn domains_of(conn: &mut DbConnection, ids: &[Uuid]) -> Result<Vec<(Uuid, WebDomain)>, StoreError> {
    let rows: Vec<(DbId, String)> = business_domains::table
        .filter(business_domains::business_id.eq_any(ids.iter().map(|id| DbId(*id))))
        .order(business_domains::domain.asc())
        .select((business_domains::business_id, business_domains::domain))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, domain)| {
            WebDomain::parse(&domain)
                .map(|d| (id.0, d))
                .map_err(|_| StoreError::Corrupt(format!("web domain of business {}", id.0)))
        })
        .collect()
}
