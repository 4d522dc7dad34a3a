//! Duplicates in the store: the earlier case a new filing likely re-files (intake's flag), and
//! the link of a merged case to its original.

use ccms_domain::complaint::duplicates::DuplicateProbe;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::complaints;

/// The oldest earlier case `probe` finds against `business_id` for `consumer_id`'s filing.
pub fn likely_original(
    conn: &mut DbConnection,
    (consumer_id, business_id): (Uuid, Uuid),
    probe: &DuplicateProbe,
) -> Result<Option<Uuid>, StoreError> {
    let mut query = complaints::table
        .filter(complaints::business_id.eq(DbId(business_id)))
        .filter(complaints::merged_into.is_null())
        .select(complaints::id)
        .order((complaints::created_at.asc(), complaints::id.asc()))
        .into_boxed();
    query = match probe {
        DuplicateProbe::SameOrderOtherPhone { order_reference } => query
            .filter(complaints::order_reference.eq(order_reference.clone()))
            .filter(complaints::consumer_id.ne(DbId(consumer_id))),
        DuplicateProbe::SameConsumerSince { since } => query
            .filter(complaints::consumer_id.eq(DbId(consumer_id)))
            .filter(complaints::created_at.ge(DbTime::new(*since))),
    };
    let found: Option<DbId> = query.first(conn).optional()?;
    Ok(found.map(|id| id.0))
}

/// Links a merged case to its original.
pub fn set_merged_into(
    conn: &mut DbConnection,
    id: Uuid,
    original: Uuid,
) -> Result<(), StoreError> {
    diesel::update(complaints::table.filter(complaints::id.eq(DbId(id))))
        .set(complaints::merged_into.eq(Some(DbId(original))))
        .execute(conn)?;
    Ok(())
}
