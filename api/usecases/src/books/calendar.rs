//! The published holiday calendars, each read from the database once (a version never
//! changes); which one is in force is kept by `InForce`.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use ccms_domain::calendar::{Calendar, HolidayCalendar, HolidayFile};
use ccms_persistence::policy::Publication;
use ccms_persistence::{DbConnection, Store, StoreError, calendar};
use chrono::{DateTime, Utc};

use super::in_force::InForce;
use crate::UseCaseError;

#[derive(Default)]
pub struct CalendarBook {
    versions: RwLock<HashMap<u32, Calendar>>,
    in_force: InForce,
}

impl CalendarBook {
    /// The working days of the version in force.
    pub fn current(&self, conn: &mut DbConnection) -> Result<Calendar, UseCaseError> {
        let number = self.in_force.number(|| {
            calendar::current_version(conn)?
                .ok_or_else(|| UseCaseError::Broken("no holiday calendar published".into()))
        })?;
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
        self.in_force.set(published.version);
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
