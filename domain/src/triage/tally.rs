//! Counting the backlog, a row at a time.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::age::age_bucket;
use crate::complaint::State;
use crate::complaint::clocks::Clocks;

/// An open case as triage reads it.
#[derive(Debug, Clone)]
pub struct OpenCase {
    pub state: State,
    pub filed_at: DateTime<Utc>,
    pub business_id: Uuid,
    pub officer: Option<Uuid>,
    pub clocks: Clocks,
}

/// A referral not concluded or declined.
#[derive(Debug, Clone)]
pub struct OpenReferral {
    pub agency_code: String,
    pub status: String,
    pub sent_at: DateTime<Utc>,
}

/// One line of a report: the section, up to two keys, the count and, where it applies, how
/// many of them are overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriageRow {
    pub section: &'static str,
    pub key: String,
    pub detail: String,
    pub count: u64,
    pub overdue: Option<u64>,
}

/// A value's wire name (`under_investigation`, `business_action`).
fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => code,
        _ => String::new(),
    }
}

/// The totals so far.
#[derive(Debug, Default)]
pub struct Triage {
    by_age: BTreeMap<(String, &'static str), u64>,
    by_officer: BTreeMap<String, (u64, u64)>,
    by_office: BTreeMap<String, (u64, u64)>,
    by_business: BTreeMap<(Uuid, String), u64>,
    referrals: BTreeMap<(String, String, &'static str), u64>,
}

impl Triage {
    /// Counts one open case at `now`; `office_of` names an officer's office.
    pub fn add_case(
        &mut self,
        case: &OpenCase,
        now: DateTime<Utc>,
        office_of: impl Fn(Uuid) -> Option<String>,
    ) {
        let state = code(&case.state);
        *self
            .by_age
            .entry((state, age_bucket(case.filed_at, now)))
            .or_default() += 1;
        let overdue = u64::from(case.clocks.is_overdue(now));
        if let Some(officer) = case.officer {
            let mine = self.by_officer.entry(officer.to_string()).or_default();
            (mine.0, mine.1) = (mine.0 + 1, mine.1 + overdue);
            let office = office_of(officer).unwrap_or_else(|| "(no office)".into());
            let ours = self.by_office.entry(office).or_default();
            (ours.0, ours.1) = (ours.0 + 1, ours.1 + overdue);
        }
        // The clock due soonest is the one the case waits on.
        let waiting_on = case
            .clocks
            .0
            .iter()
            .filter(|c| c.deadline.is_some())
            .min_by_key(|c| c.deadline)
            .map_or("none".to_owned(), |c| code(&c.kind));
        *self
            .by_business
            .entry((case.business_id, waiting_on))
            .or_default() += 1;
    }

    pub fn add_referral(&mut self, referral: &OpenReferral, now: DateTime<Utc>) {
        let key = (
            referral.agency_code.clone(),
            referral.status.clone(),
            age_bucket(referral.sent_at, now),
        );
        *self.referrals.entry(key).or_default() += 1;
    }

    /// Every total as a row, section by section.
    pub fn rows(&self) -> Vec<TriageRow> {
        let row = |section, key: String, detail: String, count, overdue| TriageRow {
            section,
            key,
            detail,
            count,
            overdue,
        };
        let ages = self.by_age.iter().map(|((state, age), n)| {
            row("open_by_age", state.clone(), (*age).to_owned(), *n, None)
        });
        let officers = self.by_officer.iter().map(|(officer, (n, late))| {
            row(
                "by_officer",
                officer.clone(),
                String::new(),
                *n,
                Some(*late),
            )
        });
        let offices = self.by_office.iter().map(|(office, (n, late))| {
            row("by_office", office.clone(), String::new(), *n, Some(*late))
        });
        let referrals = self.referrals.iter().map(|((agency, status, age), n)| {
            row(
                "referrals",
                agency.clone(),
                format!("{status} {age}"),
                *n,
                None,
            )
        });
        let businesses = self.by_business.iter().map(|((business, clock), n)| {
            row("by_business", business.to_string(), clock.clone(), *n, None)
        });
        ages.chain(officers)
            .chain(offices)
            .chain(referrals)
            .chain(businesses)
            .collect()
    }
}

#[cfg(test)]
#[path = "tally_tests.rs"]
mod tests;
