//! Bangladesh working time: the weekend is the policy's (Friday and Saturday as shipped), public
//! holidays are a published calendar (the shipped file is its first version), and dates are
//! Dhaka dates (UTC+6 all year). Deadlines are computed in Dhaka time and returned in UTC.

mod published;
mod weekend;

use std::collections::BTreeSet;
use std::sync::Arc;

pub use published::{
    CalendarProblem, Holiday, HolidayCalendar, HolidayFile, HolidayKind, MAX_HOLIDAYS,
};
pub use weekend::{DayOfWeek, MAX_WEEKEND_DAYS, Weekend};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Deserialize;

/// The holidays shipped with CCMS: 2026 as notified, 2027 as expected (see the file's note).
pub const HOLIDAYS_JSON: &str = include_str!("../../policy/holidays-bd.json");

const DHAKA_OFFSET: Duration = Duration::hours(6);

/// A length of time a clock runs for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Length {
    /// Calendar hours, weekends and holidays included.
    Hours(i64),
    /// Working days: the deadline is the same Dhaka time of day on the n-th working day after
    /// the start, so it never falls on a weekend or a holiday. A clock started on a day off
    /// starts at the beginning of the next working day.
    WorkingDays(u32),
}

/// Holidays and the weekly days off. Cheap to clone: the holidays are shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    holidays: Arc<BTreeSet<NaiveDate>>,
    /// Indexed from Monday.
    days_off: [bool; 7],
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar::new([])
    }
}

impl Calendar {
    /// These holidays and the shipped weekend (Friday and Saturday).
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar {
            holidays: Arc::new(holidays.into_iter().collect()),
            days_off: Weekend::default().days_off(),
        }
    }

    /// The same holidays with another week's days off: a policy version's.
    pub fn with_weekend(&self, weekend: &Weekend) -> Calendar {
        Calendar {
            holidays: self.holidays.clone(),
            days_off: weekend.days_off(),
        }
    }

    pub fn from_file(file: &HolidayFile) -> Calendar {
        Calendar::new(file.holidays.values().flatten().map(|h| h.date))
    }

    /// The working days of a published holiday calendar.
    pub fn of(published: &HolidayCalendar) -> Calendar {
        Calendar::new(published.holidays.iter().map(|h| h.date))
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.days_off[date.weekday().num_days_from_monday() as usize]
            && !self.holidays.contains(&date)
    }

    /// When a clock of `length` started at `start` runs out.
    pub fn deadline(&self, start: DateTime<Utc>, length: Length) -> DateTime<Utc> {
        match length {
            Length::Hours(hours) => start + Duration::hours(hours),
            Length::WorkingDays(days) => {
                let mut local = (start + DHAKA_OFFSET).naive_utc();
                while !self.is_working_day(local.date()) {
                    local = local
                        .date()
                        .succ_opt()
                        .unwrap_or(local.date())
                        .and_time(chrono::NaiveTime::MIN);
                }
                let mut date = local.date();
                let mut left = days;
                while left > 0 {
                    date = date.succ_opt().unwrap_or(date);
                    if self.is_working_day(date) {
                        left -= 1;
                    }
                }
                let local_deadline = date.and_time(local.time());
                local_deadline.and_utc() - DHAKA_OFFSET
            }
        }
    }

    /// How much working time (hours of working days, Dhaka dates) lies between two instants.
    pub fn working_time(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        let mut total = Duration::zero();
        let mut at = from;
        while at < to {
            let day_end = Self::next_dhaka_midnight(at).min(to);
            if self.is_working_day(Self::dhaka_date(at)) {
                total += day_end - at;
            }
            at = day_end;
        }
        total
    }

    /// The instant when `amount` of working time has passed after `start`: a paused clock
    /// resumes with the working time it had left.
    pub fn after_working_time(&self, start: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        let mut left = amount;
        let mut at = start;
        loop {
            let day_end = Self::next_dhaka_midnight(at);
            if self.is_working_day(Self::dhaka_date(at)) {
                if day_end - at >= left {
                    return at + left;
                }
                left -= day_end - at;
            }
            at = day_end;
        }
    }

    fn next_dhaka_midnight(instant: DateTime<Utc>) -> DateTime<Utc> {
        let date = Self::dhaka_date(instant);
        let next = date.succ_opt().unwrap_or(date);
        next.and_time(chrono::NaiveTime::MIN).and_utc() - DHAKA_OFFSET
    }

    /// The Dhaka date of an instant.
    pub fn dhaka_date(instant: DateTime<Utc>) -> NaiveDate {
        (instant + DHAKA_OFFSET).date_naive()
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
