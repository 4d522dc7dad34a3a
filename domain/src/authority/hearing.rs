//! Hearings: when, how (online with a link, or in person at a venue), and what became of them.
//! Rescheduling replaces a hearing with a new one and keeps the old one, marked, as history.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HearingMode {
    /// With a meeting link.
    Online,
    /// At a venue.
    InPerson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HearingStatus {
    Scheduled,
    /// Replaced by a later hearing; `reason` says why.
    Rescheduled,
    Cancelled,
    /// Attendance and minutes recorded.
    Held,
}

/// Why a hearing time cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadHearingTime {
    InThePast,
    /// Sooner than the parties must be given notice.
    TooSoon,
}

/// A hearing must be in the future, at least `notice` away, so the parties can attend.
pub fn check_time(
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    notice: Duration,
) -> Result<(), BadHearingTime> {
    if at <= now {
        Err(BadHearingTime::InThePast)
    } else if at < now + notice {
        Err(BadHearingTime::TooSoon)
    } else {
        Ok(())
    }
}

/// Only a scheduled hearing can be rescheduled, cancelled or held.
pub fn is_open(status: HearingStatus) -> bool {
    status == HearingStatus::Scheduled
}

/// A hearing as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hearing {
    pub id: uuid::Uuid,
    pub complaint_id: uuid::Uuid,
    pub scheduled_at: DateTime<Utc>,
    pub mode: HearingMode,
    pub meeting_link: Option<String>,
    pub venue: Option<String>,
    pub status: HearingStatus,
    /// Why it was rescheduled or cancelled.
    pub reason: Option<String>,
    /// The hearing that replaced this one.
    pub replaced_by: Option<uuid::Uuid>,
    /// Who attended (`consumer`, `business`, officers' names), once held.
    pub attendance: Option<Vec<String>>,
    pub minutes: Option<String>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Hearing {
    /// As oversight sees it: who attended, by initials; an online hearing's link by its host.
    pub fn for_oversight(mut self) -> Hearing {
        let oversight = crate::access::Disclosure::Oversight;
        self.meeting_link = self.meeting_link.map(|link| oversight.address(&link));
        if let Some(names) = self.attendance.as_mut() {
            names
                .iter_mut()
                .for_each(|n| *n = crate::transparency::masking::initials(n));
        }
        self
    }
}

/// Why a hearing cannot be set or closed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HearingConflict {
    /// The case already has a scheduled hearing: a new time for it is a reschedule.
    AlreadyScheduled,
    /// Attendance and minutes wait until the hearing's time has come.
    NotDue,
}

/// One hearing at a time: a new one only when none of the case's hearings is still scheduled.
pub fn check_new(existing: &[Hearing]) -> Result<(), HearingConflict> {
    if existing.iter().any(|h| is_open(h.status)) {
        Err(HearingConflict::AlreadyScheduled)
    } else {
        Ok(())
    }
}

/// A hearing is recorded as held only once its time has come.
pub fn check_held(hearing: &Hearing, now: DateTime<Utc>) -> Result<(), HearingConflict> {
    if hearing.scheduled_at > now {
        Err(HearingConflict::NotDue)
    } else {
        Ok(())
    }
}
