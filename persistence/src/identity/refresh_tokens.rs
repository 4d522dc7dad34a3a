use ccms_domain::identity::RefreshToken;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::refresh_tokens;

/// Stores a new token of `family` (a new family for a fresh sign-in).
pub fn insert(
    conn: &mut DbConnection,
    account_id: Uuid,
    family: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::id.eq(DbId(Uuid::now_v7())),
            refresh_tokens::account_id.eq(DbId(account_id)),
            refresh_tokens::family.eq(DbId(family)),
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::expires_at.eq(DbTime::new(expires_at)),
            refresh_tokens::spent.eq(false),
            refresh_tokens::revoked.eq(false),
            refresh_tokens::created_at.eq(DbTime::new(now)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn by_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> Result<Option<RefreshToken>, StoreError> {
    let row: Option<(DbId, DbId, DbId, DbTime, bool, bool)> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select((
            refresh_tokens::id,
            refresh_tokens::account_id,
            refresh_tokens::family,
            refresh_tokens::expires_at,
            refresh_tokens::spent,
            refresh_tokens::revoked,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(id, account_id, family, expires_at, spent, revoked)| RefreshToken {
            id: id.0,
            account_id: account_id.0,
            family: family.0,
            expires_at: expires_at.0,
            spent,
            revoked,
        },
    ))
}

/// Spends a live token; `false` if it was already spent or revoked (by a racing request),
/// which the caller treats as reuse.
pub fn mark_spent(conn: &mut DbConnection, id: Uuid) -> Result<bool, StoreError> {
    let spent = diesel::update(
        refresh_tokens::table
            .find(DbId(id))
            .filter(refresh_tokens::spent.eq(false))
            .filter(refresh_tokens::revoked.eq(false)),
    )
    .set(refresh_tokens::spent.eq(true))
    .execute(conn)?;
    Ok(spent == 1)
}

/// Revokes every token of a sign-in chain.
pub fn revoke_family(conn: &mut DbConnection, family: Uuid) -> Result<usize, StoreError> {
    Ok(
        diesel::update(refresh_tokens::table.filter(refresh_tokens::family.eq(DbId(family))))
            .set(refresh_tokens::revoked.eq(true))
            .execute(conn)?,
    )
}

/// Revokes every token of an account (when it is disabled).
pub fn revoke_account(conn: &mut DbConnection, account_id: Uuid) -> Result<usize, StoreError> {
    Ok(diesel::update(
        refresh_tokens::table.filter(refresh_tokens::account_id.eq(DbId(account_id))),
    )
    .set(refresh_tokens::revoked.eq(true))
    .execute(conn)?)
}
