//! Who gets an escalated case when no one names an officer: the active officer of the
//! responsible agency with the fewest open cases (ties: the longest-standing account).

use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbId;
use crate::schema::{accounts, complaints};

/// States in which a case still needs its officer.
const OPEN: [&str; 4] = [
    "escalated",
    "under_investigation",
    "hearing_scheduled",
    "decided",
];

pub fn least_loaded_officer(
    conn: &mut DbConnection,
    agency_code: &str,
) -> Result<Option<Uuid>, StoreError> {
    let officers: Vec<DbId> = accounts::table
        .filter(accounts::role.eq("officer"))
        .filter(accounts::agency_code.eq(agency_code))
        .filter(accounts::disabled.eq(false))
        .order((accounts::created_at.asc(), accounts::id.asc()))
        .select(accounts::id)
        .load(conn)?;
    let mut best: Option<(i64, Uuid)> = None;
    for officer in officers {
        let open: i64 = complaints::table
            .filter(complaints::assigned_officer.eq(officer))
            .filter(complaints::state.eq_any(OPEN))
            .count()
            .get_result(conn)?;
        if best.is_none_or(|(fewest, _)| open < fewest) {
            best = Some((open, officer.0));
        }
    }
    Ok(best.map(|(_, id)| id))
}
