//! A period of whole months (Dhaka time), as the public endpoints take it.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::problem::ApiError;

/// `YYYY-MM`, from 1970.
pub const MONTH_PATTERN: &str = "^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])$";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// First month counted, `YYYY-MM` (Dhaka time); from the beginning when absent.
    #[param(required = false, value_type = String, pattern = "^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])$", example = "2026-01")]
    pub from: Option<String>,
    /// Last month counted, `YYYY-MM`, inclusive; to now when absent.
    #[param(required = false, value_type = String, pattern = "^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])$", example = "2026-12")]
    pub to: Option<String>,
}

/// The period as instants: `[from, until)`.
#[derive(Debug, Clone, Default)]
pub struct Period {
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub from_month: Option<String>,
    pub to_month: Option<String>,
}

/// The first day of a `YYYY-MM` month, if it is one (years 1970-9999).
fn first_day(month: &str, field: &str) -> Result<NaiveDate, ApiError> {
    let bad = || ApiError::invalid_parameter(field, "format");
    let (year, number) = month.split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || number.len() != 2 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let number: u32 = number.parse().map_err(|_| bad())?;
    if !(1970..=9999).contains(&year) {
        return Err(ApiError::invalid_parameter(field, "range"));
    }
    NaiveDate::from_ymd_opt(year, number, 1).ok_or_else(bad)
}

/// Midnight in Dhaka (UTC+6) of `date`, as an instant.
fn dhaka_midnight(date: NaiveDate) -> Option<DateTime<Utc>> {
    Some(date.and_hms_opt(0, 0, 0)?.and_utc() - Duration::hours(6))
}

impl PeriodQuery {
    pub fn period(&self) -> Result<Period, ApiError> {
        let from = self
            .from
            .as_deref()
            .map(|m| first_day(m, "from"))
            .transpose()?;
        let to = self.to.as_deref().map(|m| first_day(m, "to")).transpose()?;
        // A `to` before `from` is an empty period: nothing is counted. After December 9999
        // the period is open: the databases store no later instant.
        let after_to = to
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .filter(|d| chrono::Datelike::year(d) <= 9999);
        Ok(Period {
            from: from.and_then(dhaka_midnight),
            until: after_to.and_then(dhaka_midnight),
            from_month: self.from.clone(),
            to_month: self.to.clone(),
        })
    }
}
