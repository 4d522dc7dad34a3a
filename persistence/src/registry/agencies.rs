use ccms_domain::contact::Email;
use ccms_domain::registry::{Agency, AgencyCode, NewAgency};
use ccms_domain::text::Name;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::codes::{from_code, to_code};
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::agencies;
use crate::{Page, PageRequest, StoreError};

#[derive(Queryable, Insertable, AsChangeset)]
#[diesel(table_name = agencies, treat_none_as_null = true)]
struct Row {
    id: DbId,
    code: String,
    name_en: String,
    name_bn: String,
    kind: String,
    contact_email: Option<String>,
    active: bool,
    version: i64,
    created_at: DbTime,
    updated_at: DbTime,
}

impl Row {
    fn new(id: Uuid, agency: &NewAgency, version: i64, created: DbTime, updated: DbTime) -> Row {
        Row {
            id: DbId(id),
            code: agency.code.as_str().to_owned(),
            name_en: agency.name_en.as_str().to_owned(),
            name_bn: agency.name_bn.as_str().to_owned(),
            kind: to_code(&agency.kind),
            contact_email: agency.contact_email.as_ref().map(|e| e.as_str().to_owned()),
            active: agency.active,
            version,
            created_at: created,
            updated_at: updated,
        }
    }

    fn into_domain(self) -> Result<Agency, StoreError> {
        let corrupt = |_| StoreError::Corrupt(format!("agency {}", self.id.0));
        Ok(Agency {
            id: self.id.0,
            details: NewAgency {
                code: AgencyCode::parse(&self.code).map_err(corrupt)?,
                name_en: Name::parse(&self.name_en).map_err(corrupt)?,
                name_bn: Name::parse(&self.name_bn).map_err(corrupt)?,
                kind: from_code(&self.kind)?,
                contact_email: self
                    .contact_email
                    .as_deref()
                    .map(Email::parse)
                    .transpose()
                    .map_err(corrupt)?,
                active: self.active,
            },
            version: self.version,
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
        })
    }
}

pub fn create(
    conn: &mut DbConnection,
    agency: &NewAgency,
    now: DateTime<Utc>,
) -> Result<Agency, StoreError> {
    if find_by_code(conn, &agency.code).is_ok() {
        return Err(StoreError::Conflict("code".into()));
    }
    let now = DbTime::new(now);
    let row = Row::new(Uuid::now_v7(), agency, 1, now, now);
    let row: Row = diesel::insert_into(agencies::table)
        .values(row)
        .returning(agencies::all_columns)
        .get_result(conn)?;
    row.into_domain()
}

pub fn find_by_code(conn: &mut DbConnection, code: &AgencyCode) -> Result<Agency, StoreError> {
    let row: Row = agencies::table
        .filter(agencies::code.eq(code.as_str()))
        .first(conn)?;
    row.into_domain()
}

/// Replaces an agency's details if nobody changed it since `current` was read.
/// The code itself never changes: other records refer to it.
pub fn update(
    conn: &mut DbConnection,
    current: &Agency,
    changed: &NewAgency,
    now: DateTime<Utc>,
) -> Result<Agency, StoreError> {
    let expected = current.version;
    let row = Row::new(
        current.id,
        changed,
        expected + 1,
        DbTime::new(current.created_at),
        DbTime::new(now),
    );
    let updated: Option<Row> = diesel::update(
        agencies::table
            .filter(agencies::id.eq(DbId(current.id)))
            .filter(agencies::version.eq(expected)),
    )
    .set(row)
    .returning(agencies::all_columns)
    .get_result(conn)
    .optional()?;
    match updated {
        Some(row) => row.into_domain(),
        None => Err(StoreError::StaleVersion {
            current: current.version,
        }),
    }
}

pub fn list(conn: &mut DbConnection, page: &PageRequest) -> Result<Page<Agency>, StoreError> {
    let limit = page.limit();
    let mut query = agencies::table
        .into_boxed()
        .order(agencies::id.asc())
        .limit(limit + 1);
    if let Some(after) = page.after()? {
        query = query.filter(agencies::id.gt(DbId(after)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let agencies = rows
        .into_iter()
        .map(Row::into_domain)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(agencies, limit, |a| a.id))
}

pub fn count(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(agencies::table.count().get_result(conn)?)
}
