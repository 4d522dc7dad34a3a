//! Who gets an escalated case when no one names an officer (DOMAIN.md, "DNCRP stage"): the
//! office with the fewest open cases, and in it the officer with the fewest. The store only
//! counts; the choice is made here.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::complaint::State;
use crate::text::Line;

/// A DNCRP district office (or a regulator's desk), as staff accounts name it: "Dhaka District
/// Office". Officers without one work from their agency's head office, which counts as one office.
pub type Office = Line<80>;

/// States in which a case still needs its officer: its officer's open work.
pub const NEEDS_OFFICER: [State; 4] = [
    State::Escalated,
    State::UnderInvestigation,
    State::HearingScheduled,
    State::Decided,
];

/// One active officer of the agency and the open cases assigned to them.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficerLoad {
    pub officer: Uuid,
    pub office: Option<Office>,
    pub open_cases: i64,
    /// When the account was made: ties go to the longest-standing officer.
    pub since: DateTime<Utc>,
}

/// The officer to assign: in the office whose officers hold the fewest open cases between them
/// (ties: the office named first, the head office before any named one), the officer with the
/// fewest (ties: the longest-standing account, then the lowest id). `None` when the agency has
/// no active officer.
pub fn assignee(loads: &[OfficerLoad]) -> Option<Uuid> {
    let office_load = |office: &Option<Office>| -> i64 {
        loads
            .iter()
            .filter(|l| &l.office == office)
            .map(|l| l.open_cases)
            .sum()
    };
    let office = loads
        .iter()
        .map(|l| (office_load(&l.office), l.office.as_ref().map(Line::as_str)))
        .min()?
        .1;
    loads
        .iter()
        .filter(|l| l.office.as_ref().map(Line::as_str) == office)
        .min_by_key(|l| (l.open_cases, l.since, l.officer))
        .map(|l| l.officer)
}

#[cfg(test)]
#[path = "assignment_tests.rs"]
mod tests;
