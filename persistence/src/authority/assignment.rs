//! The counts the assignment rule needs: each active officer of an agency, their office and
//! their open cases. The choice itself is `ccms_domain::authority::assignment::assignee`.

use ccms_domain::authority::assignment::{NEEDS_OFFICER, Office, OfficerLoad};
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::to_code;
use crate::schema::{accounts, complaints};

/// Every active officer of `agency_code` with the cases assigned to them in the states that
/// need an officer (two queries, whatever the number of officers).
pub fn officer_loads(
    conn: &mut DbConnection,
    agency_code: &str,
) -> Result<Vec<OfficerLoad>, StoreError> {
    let officers: Vec<(DbId, Option<String>, DbTime)> = accounts::table
        .filter(accounts::role.eq("officer"))
        .filter(accounts::agency_code.eq(agency_code))
        .filter(accounts::disabled.eq(false))
        .select((accounts::id, accounts::office, accounts::created_at))
        .load(conn)?;
    let ids: Vec<DbId> = officers.iter().map(|(id, _, _)| *id).collect();
    let states: Vec<String> = NEEDS_OFFICER.iter().map(to_code).collect();
    let counts: Vec<(Option<DbId>, i64)> = complaints::table
        .filter(complaints::assigned_officer.eq_any(&ids))
        .filter(complaints::state.eq_any(states))
        .group_by(complaints::assigned_officer)
        .select((complaints::assigned_officer, diesel::dsl::count_star()))
        .load(conn)?;
    officers
        .into_iter()
        .map(|(id, office, since)| {
            let open_cases = counts
                .iter()
                .find(|(officer, _)| *officer == Some(id))
                .map_or(0, |(_, n)| *n);
            let office = office
                .as_deref()
                .map(Office::parse)
                .transpose()
                .map_err(|_| StoreError::Corrupt(format!("office of account {}", id.0)))?;
            Ok(OfficerLoad {
                officer: id.0,
                office,
                open_cases,
                since: since.0,
            })
        })
        .collect()
}
