//! Where a complaint goes: a versioned policy (data, not code) maps each category to its first
//! handler, escalation agency, sector referrals and priority. Each decision names the rule that
//! fired, so "why did this case go there?" has an answer.

use serde::{Deserialize, Serialize};

use super::Category;

/// The policy shipped with CCMS; deployments replace it without a rebuild (next issue).
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingPolicy {
    pub version: u32,
    #[serde(default)]
    pub note: String,
    pub rules: Vec<RoutingRule>,
}

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
    #[error("no rule matches every category: add a last rule with no categories")]
    NoCatchAll,
    #[error("rule ids must be unique: {0} repeats")]
    DuplicateRule(String),
}

impl RoutingPolicy {
    /// A policy must route every category and name its rules uniquely.
    pub fn check(&self) -> Result<(), PolicyProblem> {
        let mut seen = std::collections::HashSet::new();
        if let Some(repeated) = self.rules.iter().find(|r| !seen.insert(r.id.as_str())) {
            return Err(PolicyProblem::DuplicateRule(repeated.id.clone()));
        }
        if !self.rules.iter().any(|r| r.categories.is_empty()) {
            return Err(PolicyProblem::NoCatchAll);
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
mod tests {
    use super::*;

    fn shipped() -> RoutingPolicy {
        serde_json::from_str(DEFAULT_POLICY_JSON).unwrap()
    }

    #[test]
    fn the_shipped_policy_is_valid_and_routes_every_category() {
        let policy = shipped();
        assert_eq!(policy.check(), Ok(()));
        for (category, _, _) in crate::complaint::CATEGORIES {
            assert!(policy.route(*category).is_some(), "{category:?}");
        }
    }

    #[test]
    fn prohibited_products_skip_the_business_and_payments_go_to_bangladesh_bank() {
        let policy = shipped();
        let prohibited = policy.route(Category::ProhibitedProduct).unwrap();
        assert_eq!(
            (prohibited.first_handler, prohibited.rule.as_str()),
            (FirstHandler::Agency, "prohibited-products")
        );
        let payment = policy.route(Category::PaymentProblem).unwrap();
        assert_eq!(payment.referrals, vec!["BB".to_owned()]);
        assert_eq!(payment.first_handler, FirstHandler::Business);
        let late = policy.route(Category::LateDelivery).unwrap();
        assert_eq!(
            (late.rule.as_str(), late.escalation_agency.as_str()),
            ("business-first", "DNCRP")
        );
    }

    #[test]
    fn a_policy_without_a_catch_all_or_with_repeated_ids_is_refused() {
        let mut policy = shipped();
        policy.rules.retain(|r| !r.categories.is_empty());
        assert_eq!(policy.check(), Err(PolicyProblem::NoCatchAll));
        let mut repeated = shipped();
        let first = repeated.rules[0].clone();
        repeated.rules.push(first);
        assert!(matches!(
            repeated.check(),
            Err(PolicyProblem::DuplicateRule(_))
        ));
    }
}
