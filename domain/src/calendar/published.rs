//! The holiday calendar as data: versions a coordinator publishes (the shipped file, or the
//! deployment's, is version 1), so next year's Eid dates are added without a restart. A version
//! never changes; a case's deadlines are computed with the version in force when each clock starts.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How the government declared a holiday.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A general holiday of the yearly notification.
    #[default]
    General,
    /// A holiday by executive order, added to the general ones.
    ExecutiveOrder,
}

/// A day government offices are closed nationwide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name_en: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub name_bn: String,
    #[serde(default)]
    pub kind: HolidayKind,
    /// Not notified yet: computed from the lunar calendar, to be replaced by the notification.
    #[serde(default)]
    pub expected: bool,
}

/// The shape of the shipped file (`domain/policy/holidays-bd.json`) and of `CCMS_HOLIDAYS_FILE`:
/// holidays by year.
#[derive(Debug, Clone, Deserialize)]
pub struct HolidayFile {
    #[serde(default)]
    pub note: String,
    pub holidays: BTreeMap<String, Vec<Holiday>>,
}

/// One published version of the holiday calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolidayCalendar {
    pub version: u32,
    pub note: String,
    /// In date order; a date may hold two holidays (May Day and Buddha Purnima, say).
    pub holidays: Vec<Holiday>,
}

/// The most holidays one version may list: about ten years of Bangladesh's (some 30 a year),
/// which also keeps a draft within the API's 64 KiB body limit.
pub const MAX_HOLIDAYS: usize = 300;
/// The years a holiday may fall in.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Why a calendar cannot be published: the holiday at `index` (of the list as sent).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarProblem {
    #[error("at most {MAX_HOLIDAYS} holidays")]
    TooMany,
    #[error("holiday {0}: the same holiday is listed twice (one date may hold two holidays)")]
    Repeated(usize),
    #[error("holiday {0}: the date must fall in 2000 to 2100")]
    OutOfRange(usize),
    #[error("holiday {0}: both names are needed, 1 to 200 characters each")]
    Name(usize, &'static str),
    #[error("the note is at most 2000 characters")]
    Note,
}

impl CalendarProblem {
    /// Where in the document the problem is, and its stable code, for a field error.
    pub fn field(&self) -> (String, &'static str) {
        match self {
            CalendarProblem::TooMany => ("holidays".into(), "length"),
            CalendarProblem::Repeated(i) => (format!("holidays[{i}].date"), "duplicate"),
            CalendarProblem::OutOfRange(i) => (format!("holidays[{i}].date"), "range"),
            CalendarProblem::Name(i, name) => (format!("holidays[{i}].{name}"), "length"),
            CalendarProblem::Note => ("note".into(), "length"),
        }
    }
}

fn named(text: &str) -> bool {
    let text = text.trim();
    (1..=200).contains(&text.chars().count()) && !text.chars().any(char::is_control)
}

impl HolidayCalendar {
    /// A version from a holiday file: every year's holidays, in date order.
    pub fn from_file(version: u32, file: &HolidayFile) -> HolidayCalendar {
        let mut holidays: Vec<Holiday> = file.holidays.values().flatten().cloned().collect();
        holidays.sort_by_key(|h| h.date);
        HolidayCalendar {
            version,
            note: file.note.clone(),
            holidays,
        }
    }

    /// A draft becomes version `version`: checked, and put in date order.
    pub fn drafted(
        version: u32,
        note: String,
        holidays: Vec<Holiday>,
    ) -> Result<HolidayCalendar, CalendarProblem> {
        if note.chars().count() > 2000 || note.contains('\0') {
            return Err(CalendarProblem::Note);
        }
        if holidays.len() > MAX_HOLIDAYS {
            return Err(CalendarProblem::TooMany);
        }
        let mut seen = BTreeSet::new();
        for (i, holiday) in holidays.iter().enumerate() {
            if !YEARS.contains(&chrono::Datelike::year(&holiday.date)) {
                return Err(CalendarProblem::OutOfRange(i));
            }
            if !seen.insert((holiday.date, holiday.name_en.trim())) {
                return Err(CalendarProblem::Repeated(i));
            }
            if !named(&holiday.name_en) {
                return Err(CalendarProblem::Name(i, "name_en"));
            }
            if !named(&holiday.name_bn) {
                return Err(CalendarProblem::Name(i, "name_bn"));
            }
        }
        let mut holidays = holidays;
        holidays.sort_by_key(|h| h.date);
        Ok(HolidayCalendar {
            version,
            note,
            holidays,
        })
    }
}
