//! Where a complaint goes and how long each party has: a versioned policy (data, not code) maps
//! each category to its first handler, escalation agency, sector referrals and priority, and
//! sets every clock's length and the reminder lead. Each decision names the policy version and
//! the rule that fired, so "why did this case go there?" has an answer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Category;
use super::admissibility::FilingWindow;
use super::clocks::ClockKind;
use super::duplicates::DuplicateWindow;
use super::limits::{FilingLimits, InfoRequestLimit};
use super::verdict::VerdictWindow;
use crate::authority::ledger::ComplainantShare;
use crate::authority::ledger::ConfirmationWindow;
use crate::authority::review::ReviewPolicy;
use crate::calendar::{Length, Weekend};

/// The policy shipped with CCMS: version 1 of every new deployment. Coordinators publish new
/// versions through the API.
pub const DEFAULT_POLICY_JSON: &str = include_str!("../../policy/default.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FirstHandler {
    /// The business gets the first chance to settle.
    Business,
    /// Straight to the escalation agency.
    Agency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Normal,
    High,
    Urgent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoutingRule {
    pub id: String,
    /// Empty: matches every category.
    pub categories: Vec<Category>,
    pub first_handler: FirstHandler,
    /// Agency code; DNCRP by default.
    pub escalation_agency: String,
    /// Sector regulators (agency codes) the case is also referred to.
    pub referrals: Vec<String>,
    pub priority: Priority,
    /// The legal or policy source of the rule.
    pub source: String,
}

/// How long one clock runs, and the law or policy that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClockSetting {
    pub length: Length,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoutingPolicy {
    pub version: u32,
    #[serde(default)]
    pub note: String,
    /// How long before each deadline its reminder fires.
    pub reminder_lead_hours: u32,
    /// Every clock's length; a policy must set all of them.
    pub clocks: BTreeMap<ClockKind, ClockSetting>,
    /// Clocks a category runs at its own length (a prohibited product's hearing sooner, say),
    /// each with its source; every other clock of the category follows `clocks`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub category_clocks: BTreeMap<Category, BTreeMap<ClockKind, ClockSetting>>,
    /// The least notice the parties get of a hearing.
    #[serde(default = "default_hearing_notice_hours")]
    pub hearing_notice_hours: u32,
    /// The highest fine a decision may impose, in poisha.
    #[serde(default = "default_max_fine_poisha")]
    pub max_fine_poisha: i64,
    /// Where the maximum fine comes from.
    #[serde(default = "default_max_fine_source")]
    pub max_fine_source: String,
    /// The weekly days off working-day clocks skip.
    #[serde(default)]
    pub weekend: Weekend,
    /// How many complaints one consumer may file a day, in all and against one business.
    #[serde(default)]
    pub filing_limits: FilingLimits,
    /// How many times a business may ask the consumer for information on one case.
    #[serde(default)]
    pub info_requests: InfoRequestLimit,
    /// The complainant's part of a collected fine.
    #[serde(default)]
    pub complainant_share: ComplainantShare,
    /// How many days after the incident a complaint may be filed.
    #[serde(default)]
    pub filing_window: FilingWindow,
    /// How long a consumer's silence after a payment is marked takes it as received.
    #[serde(default)]
    pub confirmation_window: ConfirmationWindow,
    /// How long after a case closes the consumer may give their verdict.
    #[serde(default)]
    pub verdict_window: VerdictWindow,
    /// How far back intake looks for a likely re-filing by the same consumer.
    #[serde(default)]
    pub duplicate_window: DuplicateWindow,
    /// When a consumer may ask for a review, and how long the reviewer has.
    #[serde(default)]
    pub review: ReviewPolicy,
    /// How many new cases against one business make a surge, and what it changes.
    #[serde(default)]
    pub surge: crate::collective::SurgeRule,
    /// How long a closed case keeps its personal data.
    #[serde(default)]
    pub retention: crate::privacy::Retention,
    pub rules: Vec<RoutingRule>,
}

pub fn default_hearing_notice_hours() -> u32 {
    72
}

/// Tk 3 lakh: the highest fine the Consumer Rights Protection Act 2009 sets for one offence.
pub fn default_max_fine_poisha() -> i64 {
    30_000_000
}

pub fn default_max_fine_source() -> String {
    "Consumer Rights Protection Act 2009, Chapter IV: the highest fine it sets for one offence, Tk 3 lakh"
        .into()
}

/// The longest a clock may be set to: a year, in hours or in working days.
const MAX_HOURS: i64 = 366 * 24;
const MAX_WORKING_DAYS: u32 = 250;
/// The most filings a day a policy may allow one consumer, and information requests per case.
const MAX_FILINGS_PER_DAY: u32 = 1000;
const MAX_INFO_REQUESTS: u32 = 20;
/// A sanity bound on the maximum fine: Tk 1 crore.
const MAX_FINE_POISHA: i64 = 1_000_000_000;
/// The longest reminder lead: a month.
const MAX_REMINDER_LEAD_HOURS: u32 = 31 * 24;

/// What the policy decided for one complaint, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutingDecision {
    pub policy_version: u32,
    pub rule: String,
    pub first_handler: FirstHandler,
    pub escalation_agency: String,
    pub referrals: Vec<String>,
    pub priority: Priority,
}

/// Why a policy document cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyProblem {
    #[error("the last rule, and only it, must match every category (no categories)")]
    NoCatchAll,
    #[error("rule ids must be unique: {0} repeats")]
    DuplicateRule(String),
    #[error("every clock needs a length: {0} has none")]
    MissingClock(String),
    #[error("clock {0} must run at least an hour and at most a year")]
    ClockLength(String),
    #[error("clock {0} needs its legal or policy source (at most 500 characters)")]
    ClockSource(String),
    #[error("the category's own clock {0}: at least an hour, at most a year, with a source")]
    CategoryClock(String, ClockFault),
    #[error("the reminder lead must be between 1 hour and 31 days")]
    ReminderLead,
    #[error("the hearing notice must be between 1 hour and 31 days")]
    HearingNotice,
    #[error("the maximum fine must be between 0 and Tk 1 crore")]
    MaxFine,
    #[error("the maximum fine needs its legal source (at most 500 characters)")]
    MaxFineSource,
    #[error("the weekend must be at most 3 days, none twice, with a source")]
    Weekend,
    #[error(
        "filing limits must be 1 to 1000 a day, the per-business one at most the per-consumer one, with a source"
    )]
    FilingLimits,
    #[error("information requests per case must be 1 to 20, with a source")]
    InfoRequests,
    #[error("the complainant's share must be 1 to 100 percent of the fine, with a source")]
    ComplainantShare,
    #[error("the filing window must be 1 to 365 days, with a source")]
    FilingWindow,
    #[error("the confirmation window must be 1 to 90 days, with a source")]
    ConfirmationWindow,
    #[error("the verdict window must be 1 to 365 days, with a source")]
    VerdictWindow,
    #[error("the duplicate window must be 1 to 365 days, with a source")]
    DuplicateWindow,
    #[error("the review window and the reviewer's time must be 1 to 365 days, with a source")]
    Review,
    #[error("the surge rule must count 2 to 1,000,000 cases over 1 to 90 days, with a source")]
    Surge,
    #[error("retention must be 365 to 3650 days, with a source")]
    Retention,
    #[error("rule {0} has no legal or policy source")]
    MissingSource(String),
}

impl PolicyProblem {
    /// Where in the document the problem is, and its stable code, for a field error.
    pub fn field(&self) -> (String, &'static str) {
        match self {
            PolicyProblem::NoCatchAll => ("rules".into(), "policy_no_catch_all"),
            PolicyProblem::DuplicateRule(id) => (format!("rules.{id}.id"), "policy_duplicate_rule"),
            PolicyProblem::MissingClock(kind) => (format!("clocks.{kind}"), "required"),
            PolicyProblem::ClockLength(kind) => (format!("clocks.{kind}.length"), "range"),
            PolicyProblem::ClockSource(kind) => (format!("clocks.{kind}.source"), "length"),
            PolicyProblem::CategoryClock(at, ClockFault::Length) => {
                (format!("category_clocks.{at}.length"), "range")
            }
            PolicyProblem::CategoryClock(at, ClockFault::Source) => {
                (format!("category_clocks.{at}.source"), "length")
            }
            PolicyProblem::ReminderLead => ("reminder_lead_hours".into(), "range"),
            PolicyProblem::HearingNotice => ("hearing_notice_hours".into(), "range"),
            PolicyProblem::MaxFine => ("max_fine_poisha".into(), "range"),
            PolicyProblem::MaxFineSource => ("max_fine_source".into(), "length"),
            PolicyProblem::Weekend => ("weekend".into(), "range"),
            PolicyProblem::FilingLimits => ("filing_limits".into(), "range"),
            PolicyProblem::InfoRequests => ("info_requests".into(), "range"),
            PolicyProblem::ComplainantShare => ("complainant_share".into(), "range"),
            PolicyProblem::FilingWindow => ("filing_window".into(), "range"),
            PolicyProblem::ConfirmationWindow => ("confirmation_window".into(), "range"),
            PolicyProblem::VerdictWindow => ("verdict_window".into(), "range"),
            PolicyProblem::DuplicateWindow => ("duplicate_window".into(), "range"),
            PolicyProblem::Review => ("review".into(), "range"),
            PolicyProblem::Surge => ("surge".into(), "range"),
            PolicyProblem::Retention => ("retention".into(), "range"),
            PolicyProblem::MissingSource(id) => (format!("rules.{id}.source"), "required"),
        }
    }
}

/// A legal or policy source: present, at most 500 characters, no NUL.
fn sourced(source: &str) -> bool {
    let source = source.trim();
    !source.is_empty() && source.chars().count() <= 500 && !source.contains('\0')
}

/// What is wrong with one clock's setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockFault {
    Length,
    Source,
}

impl ClockFault {
    fn of(self, kind: String) -> PolicyProblem {
        match self {
            ClockFault::Length => PolicyProblem::ClockLength(kind),
            ClockFault::Source => PolicyProblem::ClockSource(kind),
        }
    }
}

/// A clock runs at least an hour and at most a year, and names its source.
fn check_clock(setting: &ClockSetting) -> Result<(), ClockFault> {
    let fits = match setting.length {
        Length::Hours(hours) => (1..=MAX_HOURS).contains(&hours),
        Length::WorkingDays(days) => (1..=MAX_WORKING_DAYS).contains(&days),
    };
    if !fits {
        return Err(ClockFault::Length);
    }
    if !sourced(&setting.source) {
        return Err(ClockFault::Source);
    }
    Ok(())
}

fn code(kind: ClockKind) -> String {
    kind.code().to_owned()
}

impl RoutingPolicy {
    /// A stored version as it applies today: a clock its publisher could not set (one CCMS
    /// gained after it was published) takes the shipped policy's length and source, and the
    /// whole is checked, so no case ever runs a clock of no length.
    pub fn normalised(mut self) -> Result<RoutingPolicy, PolicyProblem> {
        if let Ok(shipped) = serde_json::from_str::<RoutingPolicy>(DEFAULT_POLICY_JSON) {
            for (kind, setting) in shipped.clocks {
                self.clocks.entry(kind).or_insert(setting);
            }
        }
        self.check()?;
        Ok(self)
    }

    /// A policy must route every category, name its rules uniquely, give each its source, and
    /// set every clock within bounds.
    pub fn check(&self) -> Result<(), PolicyProblem> {
        let mut seen = std::collections::HashSet::new();
        if let Some(repeated) = self.rules.iter().find(|r| !seen.insert(r.id.as_str())) {
            return Err(PolicyProblem::DuplicateRule(repeated.id.clone()));
        }
        if let Some(bare) = self.rules.iter().find(|r| r.source.trim().is_empty()) {
            return Err(PolicyProblem::MissingSource(bare.id.clone()));
        }
        // Rules after a catch-all would never fire: the catch-all must be the last rule.
        if self.rules.last().is_none_or(|r| !r.categories.is_empty())
            || self
                .rules
                .iter()
                .rev()
                .skip(1)
                .any(|r| r.categories.is_empty())
        {
            return Err(PolicyProblem::NoCatchAll);
        }
        for &kind in ClockKind::ALL {
            let setting = self
                .clocks
                .get(&kind)
                .ok_or_else(|| PolicyProblem::MissingClock(code(kind)))?;
            check_clock(setting).map_err(|fault| fault.of(code(kind)))?;
        }
        for (category, own) in &self.category_clocks {
            for (kind, setting) in own {
                check_clock(setting).map_err(|fault| {
                    PolicyProblem::CategoryClock(
                        format!("{}.{}", category.code(), kind.code()),
                        fault,
                    )
                })?;
            }
        }
        if !(1..=MAX_REMINDER_LEAD_HOURS).contains(&self.reminder_lead_hours) {
            return Err(PolicyProblem::ReminderLead);
        }
        if !(1..=MAX_REMINDER_LEAD_HOURS).contains(&self.hearing_notice_hours) {
            return Err(PolicyProblem::HearingNotice);
        }
        if !(0..=MAX_FINE_POISHA).contains(&self.max_fine_poisha) {
            return Err(PolicyProblem::MaxFine);
        }
        if !sourced(&self.max_fine_source) {
            return Err(PolicyProblem::MaxFineSource);
        }
        if !self.weekend.fits() || !sourced(&self.weekend.source) {
            return Err(PolicyProblem::Weekend);
        }
        let limits = &self.filing_limits;
        if !(1..=MAX_FILINGS_PER_DAY).contains(&limits.per_consumer_per_day)
            || !(1..=limits.per_consumer_per_day).contains(&limits.per_business_per_day)
            || !sourced(&limits.source)
        {
            return Err(PolicyProblem::FilingLimits);
        }
        if !(1..=MAX_INFO_REQUESTS).contains(&self.info_requests.per_case)
            || !sourced(&self.info_requests.source)
        {
            return Err(PolicyProblem::InfoRequests);
        }
        let share = &self.complainant_share;
        if !(1..=100).contains(&share.percent) || !sourced(&share.source) {
            return Err(PolicyProblem::ComplainantShare);
        }
        let window = &self.filing_window;
        if !(1..=365).contains(&window.days) || !sourced(&window.source) {
            return Err(PolicyProblem::FilingWindow);
        }
        let silence = &self.confirmation_window;
        if !(1..=90).contains(&silence.days) || !sourced(&silence.source) {
            return Err(PolicyProblem::ConfirmationWindow);
        }
        let verdict = &self.verdict_window;
        if !(1..=365).contains(&verdict.days) || !sourced(&verdict.source) {
            return Err(PolicyProblem::VerdictWindow);
        }
        let duplicates = &self.duplicate_window;
        if !(1..=365).contains(&duplicates.days) || !sourced(&duplicates.source) {
            return Err(PolicyProblem::DuplicateWindow);
        }
        let review = &self.review;
        if !(1..=365).contains(&review.window_days)
            || !(1..=365).contains(&review.decide_within_days)
            || !sourced(&review.source)
        {
            return Err(PolicyProblem::Review);
        }
        if !self.surge.is_valid() || !sourced(&self.surge.source) {
            return Err(PolicyProblem::Surge);
        }
        let retention = &self.retention;
        if !crate::privacy::retention::RETENTION_DAYS.contains(&retention.closed_case_days)
            || !sourced(&retention.source)
        {
            return Err(PolicyProblem::Retention);
        }
        Ok(())
    }

    /// The first rule for `category` decides.
    pub fn route(&self, category: Category) -> Option<RoutingDecision> {
        let rule = self
            .rules
            .iter()
            .find(|r| r.categories.is_empty() || r.categories.contains(&category))?;
        Some(RoutingDecision {
            policy_version: self.version,
            rule: rule.id.clone(),
            first_handler: rule.first_handler,
            escalation_agency: rule.escalation_agency.clone(),
            referrals: rule.referrals.clone(),
            priority: rule.priority,
        })
    }
}

#[cfg(test)]
#[path = "routing_tests.rs"]
mod tests;
