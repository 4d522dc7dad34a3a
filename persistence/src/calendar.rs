//! Published versions of the holiday calendar. A version is written once and never changed.

use ccms_domain::calendar::HolidayCalendar;
use diesel::prelude::*;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbJson, DbTime};
use crate::policy::Publication;
use crate::schema::holiday_calendars;

/// The number of the version in force, if any has been published.
pub fn current_version(conn: &mut DbConnection) -> Result<Option<u32>, StoreError> {
    let latest: Option<i32> = holiday_calendars::table
        .select(diesel::dsl::max(holiday_calendars::version))
        .first(conn)?;
    Ok(latest.and_then(|v| u32::try_from(v).ok()))
}

pub fn find(
    conn: &mut DbConnection,
    version: u32,
) -> Result<(HolidayCalendar, Publication), StoreError> {
    let number = i32::try_from(version).map_err(|_| StoreError::NotFound)?;
    let (document, published_at, published_by): (DbJson, DbTime, String) = holiday_calendars::table
        .find(number)
        .select((
            holiday_calendars::document,
            holiday_calendars::published_at,
            holiday_calendars::published_by,
        ))
        .first(conn)?;
    let calendar = serde_json::from_value::<HolidayCalendar>(document.0)
        .map_err(|e| StoreError::Corrupt(format!("holiday calendar {version}: {e}")))?;
    Ok((
        calendar,
        Publication {
            published_at: published_at.0,
            published_by,
        },
    ))
}

/// Stores `calendar` under its own version number: `Conflict("version")` when another
/// publisher took that number first. Version 1, written at start, is written once however many
/// processes start together: `Ok(false)` says it already was.
pub fn publish(
    conn: &mut DbConnection,
    calendar: &HolidayCalendar,
    by: &Publication,
) -> Result<bool, StoreError> {
    let number = i32::try_from(calendar.version)
        .map_err(|_| StoreError::Corrupt("calendar version out of range".into()))?;
    let document = serde_json::to_value(calendar)
        .map_err(|e| StoreError::Corrupt(format!("holiday calendar: {e}")))?;
    let insert = diesel::insert_into(holiday_calendars::table).values((
        holiday_calendars::version.eq(number),
        holiday_calendars::document.eq(DbJson(document)),
        holiday_calendars::published_at.eq(DbTime::new(by.published_at)),
        holiday_calendars::published_by.eq(&by.published_by),
    ));
    if number == 1 {
        let insert = insert.on_conflict_do_nothing();
        let inserted = match conn {
            DbConnection::Pg(pg) => insert.execute(pg)?,
            DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
        };
        return Ok(inserted == 1);
    }
    insert
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict("version".into()),
            other => other,
        })?;
    Ok(true)
}
