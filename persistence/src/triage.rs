//! The rows triage counts: open cases within what the caller may list, a page at a time (the
//! domain's `Triage` keeps only totals), officers' offices, open referrals.

use ccms_domain::access::Visibility;
use ccms_domain::complaint::State;
use ccms_domain::complaint::clocks::Clocks;
use ccms_domain::triage::{OpenCase, OpenReferral};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::complaints::visible_to;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::from_code;
use crate::schema::{accounts, complaints, referrals};

/// Cases read per round: memory holds one page, however many cases are open.
const PAGE: i64 = 5000;

/// Calls `count` with every open case `visibility` shows, a page at a time in id order.
pub fn each_open_case(
    conn: &mut DbConnection,
    visibility: &Visibility,
    mut count: impl FnMut(OpenCase),
) -> Result<(), StoreError> {
    let mut after: Option<DbId> = None;
    loop {
        let Some(query) = visible_to(visibility) else {
            return Ok(());
        };
        let mut query = query
            .filter(complaints::closed_at.is_null())
            .order(complaints::id.asc())
            .limit(PAGE)
            .select((
                complaints::id,
                complaints::state,
                complaints::created_at,
                complaints::business_id,
                complaints::assigned_officer,
                complaints::clocks,
            ));
        if let Some(after) = after {
            query = query.filter(complaints::id.gt(after));
        }
        let rows: Vec<(DbId, String, DbTime, DbId, Option<DbId>, DbJson)> = query.load(conn)?;
        let full = i64::try_from(rows.len()).unwrap_or(0) == PAGE;
        after = rows.last().map(|r| r.0);
        for (_, state, filed, business, officer, clocks) in rows {
            let state: State = from_code(&state)?;
            let clocks: Clocks = serde_json::from_value(clocks.0)
                .map_err(|e| StoreError::Corrupt(format!("clocks: {e}")))?;
            count(OpenCase {
                state,
                filed_at: filed.0,
                business_id: business.0,
                officer: officer.map(|o| o.0),
                clocks,
            });
        }
        if !full {
            return Ok(());
        }
    }
}

/// Every officer's office, where one is set.
pub fn offices(conn: &mut DbConnection) -> Result<Vec<(Uuid, String)>, StoreError> {
    let rows: Vec<(DbId, Option<String>)> = accounts::table
        .filter(accounts::role.eq("officer"))
        .select((accounts::id, accounts::office))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, office)| office.map(|o| (id.0, o)))
        .collect())
}

/// Referrals neither concluded nor declined, to `agency` only when given.
pub fn open_referrals(
    conn: &mut DbConnection,
    agency: Option<&str>,
) -> Result<Vec<OpenReferral>, StoreError> {
    let mut query = referrals::table
        .filter(referrals::status.ne_all(vec!["concluded", "declined"]))
        .select((
            referrals::agency_code,
            referrals::status,
            referrals::sent_at,
        ))
        .into_boxed();
    if let Some(agency) = agency {
        query = query.filter(referrals::agency_code.eq(agency.to_owned()));
    }
    let rows: Vec<(String, String, DbTime)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(agency_code, status, sent)| OpenReferral {
            agency_code,
            status,
            sent_at: sent.0,
        })
        .collect())
}
