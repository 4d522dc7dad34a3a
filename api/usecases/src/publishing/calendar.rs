//! The next version of the holiday calendar: the whole list (the version in force, edited). It
//! applies to clocks started from then on; deadlines already set keep theirs.

use ccms_domain::Invalid;
use ccms_domain::calendar::{Holiday, HolidayCalendar};
use ccms_persistence::DbConnection;
use ccms_persistence::calendar;
use ccms_persistence::policy::Publication;
use chrono::{DateTime, Utc};
use serde_json::json;

use super::{EditedFrom, next_version_taken};
use crate::{Actor, UseCaseError};

/// Publishes the holidays (with a note) as `actor` at `now`. Once the transaction commits,
/// the caller hands the new version to its `CalendarBook::published`, so this process uses it
/// at once (others within seconds).
pub fn publish_calendar(
    conn: &mut DbConnection,
    ((note, holidays), edited): ((String, Vec<Holiday>), EditedFrom),
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(HolidayCalendar, Publication), UseCaseError> {
    let current = calendar::current_version(conn)?.unwrap_or(0);
    let next = HolidayCalendar::drafted(current + 1, note, holidays).map_err(|problem| {
        let (field, rule) = problem.field();
        Invalid::field(field, rule)
    })?;
    edited.check(current)?;
    let by = Publication {
        published_at: now,
        published_by: actor.id.clone(),
    };
    calendar::publish(conn, &next, &by).map_err(next_version_taken(current))?;
    let mut entry = actor.entry(now, "calendar.publish", "calendar", next.version);
    entry.detail = json!({ "version": next.version, "holidays": next.holidays.len() });
    ccms_persistence::audit::record(conn, entry)?;
    Ok((next, by))
}
