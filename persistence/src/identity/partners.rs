use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::partner_clients;
use crate::{Page, PageRequest, StoreError};

/// A marketplace's API client. The secret exists only as a hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerClient {
    pub id: Uuid,
    pub client_id: String,
    pub name: String,
    pub business_id: Uuid,
    pub revoked: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

type Row = (DbId, String, String, String, DbId, bool, DbTime, DbTime);

fn from_row(
    (id, client_id, _hash, name, business_id, revoked, created_at, updated_at): Row,
) -> PartnerClient {
    PartnerClient {
        id: id.0,
        client_id,
        name,
        business_id: business_id.0,
        revoked,
        created_at: created_at.0,
        updated_at: updated_at.0,
    }
}

pub fn create(
    conn: &mut DbConnection,
    client_id: &str,
    secret_hash: &str,
    name: &str,
    business_id: Uuid,
    now: DateTime<Utc>,
) -> Result<PartnerClient, StoreError> {
    let row: Row = diesel::insert_into(partner_clients::table)
        .values((
            partner_clients::id.eq(DbId(Uuid::now_v7())),
            partner_clients::client_id.eq(client_id),
            partner_clients::secret_hash.eq(secret_hash),
            partner_clients::name.eq(name),
            partner_clients::business_id.eq(DbId(business_id)),
            partner_clients::revoked.eq(false),
            partner_clients::created_at.eq(DbTime::new(now)),
            partner_clients::updated_at.eq(DbTime::new(now)),
        ))
        .returning(partner_clients::all_columns)
        .get_result(conn)?;
    Ok(from_row(row))
}

/// A client and its secret hash, by the public client id.
pub fn by_client_id(
    conn: &mut DbConnection,
    client_id: &str,
) -> Result<Option<(PartnerClient, String)>, StoreError> {
    let row: Option<Row> = partner_clients::table
        .filter(partner_clients::client_id.eq(client_id))
        .first(conn)
        .optional()?;
    Ok(row.map(|row| {
        let hash = row.2.clone();
        (from_row(row), hash)
    }))
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<PartnerClient, StoreError> {
    let row: Row = partner_clients::table.find(DbId(id)).first(conn)?;
    Ok(from_row(row))
}

pub fn list(
    conn: &mut DbConnection,
    page: &PageRequest,
) -> Result<Page<PartnerClient>, StoreError> {
    let limit = page.limit();
    let mut query = partner_clients::table
        .into_boxed()
        .order(partner_clients::id.asc())
        .limit(limit + 1);
    if let Some(after) = page.after()? {
        query = query.filter(partner_clients::id.gt(DbId(after)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    Ok(Page::from_rows(
        rows.into_iter().map(from_row).collect(),
        limit,
        |c| c.id,
    ))
}

pub fn set_secret(
    conn: &mut DbConnection,
    id: Uuid,
    secret_hash: &str,
    now: DateTime<Utc>,
) -> Result<PartnerClient, StoreError> {
    let row: Row = diesel::update(partner_clients::table.find(DbId(id)))
        .set((
            partner_clients::secret_hash.eq(secret_hash),
            partner_clients::updated_at.eq(DbTime::new(now)),
        ))
        .returning(partner_clients::all_columns)
        .get_result(conn)?;
    Ok(from_row(row))
}

pub fn revoke(
    conn: &mut DbConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<PartnerClient, StoreError> {
    let row: Row = diesel::update(partner_clients::table.find(DbId(id)))
        .set((
            partner_clients::revoked.eq(true),
            partner_clients::updated_at.eq(DbTime::new(now)),
        ))
        .returning(partner_clients::all_columns)
        .get_result(conn)?;
    Ok(from_row(row))
}
