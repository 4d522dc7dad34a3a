//! A surge: a business drawing complaints far faster than businesses do, as a collapsing
//! marketplace does (Evaly drew over 10,000). The policy's rule says how many new cases in how
//! many days make one; it fires once per surge, and ends when the rate falls to half.

use serde::{Deserialize, Serialize};

use crate::complaint::routing::{FirstHandler, RoutingDecision};

/// The policy's surge rule, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SurgeRule {
    /// New cases against one business within `days` that make a surge.
    pub cases: u32,
    pub days: u32,
    /// While a surge lasts, the business's new cases go straight to the escalation agency
    /// instead of to the business first.
    pub route_to_authority: bool,
    pub source: String,
}

impl Default for SurgeRule {
    fn default() -> SurgeRule {
        SurgeRule {
            cases: 200,
            days: 7,
            route_to_authority: true,
            source: "CCMS policy (no statute sets one): DNCRP held 10,978 complaints against one \
                     marketplace in 2021; 200 in a week is about a hundred times a busy shop's rate"
                .into(),
        }
    }
}

/// The most cases and days a rule may name.
pub const MAX_SURGE_CASES: u32 = 1_000_000;
pub const MAX_SURGE_DAYS: u32 = 90;

impl SurgeRule {
    /// Within bounds: at least 2 cases, 1 to 90 days, and a source.
    pub fn is_valid(&self) -> bool {
        (2..=MAX_SURGE_CASES).contains(&self.cases)
            && (1..=MAX_SURGE_DAYS).contains(&self.days)
            && !self.source.trim().is_empty()
            && self.source.chars().count() <= 500
    }

    /// What `cases_in_window` new cases mean for a business in `state`.
    pub fn next(&self, state: SurgeState, cases_in_window: u64) -> Option<SurgeState> {
        let threshold = u64::from(self.cases);
        match state {
            SurgeState::Calm if cases_in_window >= threshold => Some(SurgeState::Surging),
            // Half the threshold to end, so a rate hovering at it does not fire again and again.
            SurgeState::Surging if cases_in_window * 2 < threshold => Some(SurgeState::Calm),
            SurgeState::Calm | SurgeState::Surging => None,
        }
    }

    /// How a new case against a surging business is routed: straight to the agency its rule
    /// names, when the rule says so.
    pub fn reroute(&self, decision: RoutingDecision) -> RoutingDecision {
        if !self.route_to_authority {
            return decision;
        }
        RoutingDecision {
            rule: format!("surge ({})", decision.rule),
            first_handler: FirstHandler::Agency,
            ..decision
        }
    }
}

/// A surge as recorded: from when, the count that started it, the rule's numbers then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Surge {
    pub id: uuid::Uuid,
    pub business_id: uuid::Uuid,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    /// New cases in the window when it started.
    pub cases_in_window: i64,
    pub window_days: u32,
    pub threshold: i64,
}

/// What a surging business's public scorecard says while the surge lasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurgeNotice {
    pub since: chrono::DateTime<chrono::Utc>,
    pub en: String,
    pub bn: String,
}

impl Surge {
    /// The public notice of this surge, in English and Bangla (dates in Dhaka).
    pub fn notice(&self) -> SurgeNotice {
        let day = crate::complaint::admissibility::dhaka_today(self.started_at).to_string();
        let (cases, days) = (
            self.cases_in_window.to_string(),
            self.window_days.to_string(),
        );
        let bn = crate::delivery::bangla_digits;
        SurgeNotice {
            since: self.started_at,
            en: format!(
                "Since {day}, consumers have filed an unusual number of complaints against this \
                 business ({cases} in {days} days). The directorate is handling them together."
            ),
            bn: format!(
                "{} থেকে এই ব্যবসার বিরুদ্ধে অস্বাভাবিক সংখ্যক অভিযোগ এসেছে ({} দিনে {}টি)। \
                 অধিদপ্তর সেগুলো একসাথে দেখছে।",
                bn(&day),
                bn(&days),
                bn(&cases)
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurgeState {
    Calm,
    Surging,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::routing::Priority;

    fn rule(cases: u32) -> SurgeRule {
        SurgeRule {
            cases,
            ..SurgeRule::default()
        }
    }

    #[test]
    fn a_surge_fires_at_the_threshold_and_not_one_case_before() {
        assert_eq!(rule(10).next(SurgeState::Calm, 9), None);
        assert_eq!(
            rule(10).next(SurgeState::Calm, 10),
            Some(SurgeState::Surging)
        );
        assert_eq!(rule(10).next(SurgeState::Surging, 50), None);
    }

    #[test]
    fn a_surge_ends_only_below_half_the_threshold() {
        assert_eq!(rule(10).next(SurgeState::Surging, 5), None);
        assert_eq!(
            rule(10).next(SurgeState::Surging, 4),
            Some(SurgeState::Calm)
        );
    }

    #[test]
    fn a_surging_business_s_cases_go_to_the_agency_when_the_rule_says_so() {
        let decision = RoutingDecision {
            policy_version: 1,
            rule: "business-first".into(),
            first_handler: FirstHandler::Business,
            escalation_agency: "DNCRP".into(),
            referrals: vec![],
            priority: Priority::Normal,
        };
        let rerouted = rule(10).reroute(decision.clone());
        assert_eq!(rerouted.first_handler, FirstHandler::Agency);
        assert_eq!(rerouted.rule, "surge (business-first)");
        let kept = SurgeRule {
            route_to_authority: false,
            ..rule(10)
        };
        assert_eq!(kept.reroute(decision.clone()), decision);
    }

    #[test]
    fn a_surge_s_public_notice_names_its_day_and_count_in_both_languages() {
        let started = chrono::DateTime::parse_from_rfc3339("2026-12-06T20:00:00Z").unwrap();
        let surge = Surge {
            id: uuid::Uuid::nil(),
            business_id: uuid::Uuid::nil(),
            started_at: started.into(),
            ended_at: None,
            cases_in_window: 250,
            window_days: 7,
            threshold: 200,
        };
        let notice = surge.notice();
        assert!(
            notice.en.contains("Since 2026-12-07") && notice.en.contains("250 in 7 days"),
            "{}",
            notice.en
        );
        assert!(
            notice.bn.contains("২০২৬-১২-০৭") && notice.bn.contains("২৫০টি"),
            "{}",
            notice.bn
        );
    }

    #[test]
    fn a_rule_outside_its_bounds_is_refused() {
        assert!(rule(10).is_valid());
        assert!(!rule(1).is_valid());
        assert!(
            !SurgeRule {
                days: 0,
                ..rule(10)
            }
            .is_valid()
        );
        assert!(
            !SurgeRule {
                days: 91,
                ..rule(10)
            }
            .is_valid()
        );
    }
}
