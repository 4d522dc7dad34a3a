//! The weekly days off. Policy, not code: a government may change its working week (Bangladesh
//! has changed it before), and a published policy version says which week its clocks count.

use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// A day of the week, as a policy document names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayOfWeek {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl DayOfWeek {
    pub fn weekday(self) -> Weekday {
        match self {
            DayOfWeek::Monday => Weekday::Mon,
            DayOfWeek::Tuesday => Weekday::Tue,
            DayOfWeek::Wednesday => Weekday::Wed,
            DayOfWeek::Thursday => Weekday::Thu,
            DayOfWeek::Friday => Weekday::Fri,
            DayOfWeek::Saturday => Weekday::Sat,
            DayOfWeek::Sunday => Weekday::Sun,
        }
    }
}

/// The days off each week, with their source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Weekend {
    /// At most three days, none twice.
    #[cfg_attr(feature = "openapi", schema(max_items = 3))]
    pub days: Vec<DayOfWeek>,
    pub source: String,
}

/// The most days off a week may have: a working week of at least four days.
pub const MAX_WEEKEND_DAYS: usize = 3;

impl Default for Weekend {
    fn default() -> Weekend {
        Weekend {
            days: vec![DayOfWeek::Friday, DayOfWeek::Saturday],
            source: "Government of Bangladesh: Friday and Saturday are the weekly holidays of \
                     government offices"
                .into(),
        }
    }
}

impl Weekend {
    /// At most three days off, none named twice.
    pub fn fits(&self) -> bool {
        let mut seen = self.days.clone();
        seen.sort();
        seen.dedup();
        seen.len() == self.days.len() && self.days.len() <= MAX_WEEKEND_DAYS
    }

    /// Which weekdays are off, indexed from Monday.
    pub(super) fn days_off(&self) -> [bool; 7] {
        let mut off = [false; 7];
        for day in &self.days {
            off[day.weekday().num_days_from_monday() as usize] = true;
        }
        off
    }
}
