//! The published holiday calendars, each read from the database once (a version never
//! changes). Which version is in force is asked of the database at most every few seconds,
//! and at once after this process publishes one, so a version published by another `ccms`
//! process applies within `RECHECK` without a round trip on every request.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use ccms_domain::calendar::{Calendar, HolidayCalendar, HolidayFile};
use ccms_persistence::policy::Publication;
use ccms_persistence::{DbConnection, Store, StoreError, calendar};
use chrono::{DateTime, Utc};

use crate::UseCaseError;

/// How long a process trusts the version in force it last read.
const RECHECK: Duration = Duration::from_secs(5);

#[derive(Default)]
pub struct CalendarBook {
    versions: RwLock<HashMap<u32, Calendar>>,
    in_force: Mutex<Option<(u32, Instant)>>,
}

impl CalendarBook {
    /// The working days of the version in force.
    pub fn current(&self, conn: &mut DbConnection) -> Result<Calendar, UseCaseError> {
        let trusted = *self.in_force.lock().unwrap_or_else(PoisonError::into_inner);
        let number = match trusted {
            Some((number, read)) if read.elapsed() < RECHECK => number,
            // Asked without the lock held, so no request waits on another's query.
            _ => {
                let number = calendar::current_version(conn)?
                    .ok_or_else(|| UseCaseError::Broken("no holiday calendar published".into()))?;
                *self.in_force.lock().unwrap_or_else(PoisonError::into_inner) =
                    Some((number, Instant::now()));
                number
            }
        };
        self.version(conn, number)
    }

    fn version(&self, conn: &mut DbConnection, number: u32) -> Result<Calendar, UseCaseError> {
        let versions = self.versions.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = versions.get(&number) {
            return Ok(known.clone());
        }
        drop(versions);
        let (published, _) = calendar::find(conn, number).map_err(|e| match e {
            StoreError::NotFound => {
                StoreError::Corrupt(format!("holiday calendar {number} missing"))
            }
            other => other,
        })?;
        Ok(self.keep(&published))
    }

    fn keep(&self, published: &HolidayCalendar) -> Calendar {
        let working_days = Calendar::of(published);
        self.versions
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(published.version, working_days.clone());
        working_days
    }

    /// This process has just published `published`: it applies here from now on.
    pub fn published(&self, published: &HolidayCalendar) {
        self.keep(published);
        *self.in_force.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((published.version, Instant::now()));
    }
}

/// Publishes the deployment's holiday file (or the shipped one) as version 1 of a database
/// that has none. Blocking.
pub fn publish_first(
    store: &Store,
    file: &HolidayFile,
    now: DateTime<Utc>,
) -> Result<bool, UseCaseError> {
    let first = HolidayCalendar::from_file(1, file);
    let by = Publication {
        published_at: now,
        published_by: "system".into(),
    };
    store.transaction(|conn| Ok::<_, UseCaseError>(calendar::publish(conn, &first, &by)?))
}
