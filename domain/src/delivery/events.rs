//! The events CCMS announces, and whose subscriptions may receive each. A business hears about
//! cases against it; an agency about the cases referred to it. The contract's `webhooks`
//! section documents one entry per row.

/// Who an event is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The respondent business (its agents and its partner integration).
    Business,
    /// A government agency the case is escalated or referred to.
    Agency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventType {
    pub code: &'static str,
    pub audience: Audience,
    /// One line for the contract.
    pub summary: &'static str,
}

const fn business(code: &'static str, summary: &'static str) -> EventType {
    EventType {
        code,
        audience: Audience::Business,
        summary,
    }
}

const fn agency(code: &'static str, summary: &'static str) -> EventType {
    EventType {
        code,
        audience: Audience::Agency,
        summary,
    }
}

/// Agency events also e-mailed to the agency's contact address when no subscription of the
/// agency hears them: a surge is news the directorate's coordinators must not miss.
pub const TOLD_BY_EMAIL: &[&str] = &["surge.started"];

pub const EVENT_TYPES: &[EventType] = &[
    business(
        "complaint.created",
        "A complaint against the business was filed.",
    ),
    business("complaint.status_changed", "A case moved to another state."),
    business(
        "complaint.message_added",
        "A party wrote a message on a case.",
    ),
    business(
        "deadline.approaching",
        "A legal clock of a case ends within the reminder lead.",
    ),
    business("deadline.breached", "A legal clock of a case ran out."),
    business("hearing.scheduled", "The directorate set a hearing."),
    business("hearing.rescheduled", "A hearing moved to another time."),
    business("hearing.cancelled", "A hearing was cancelled."),
    business(
        "hearing.held",
        "A hearing's attendance and minutes were recorded.",
    ),
    business("complaint.decided", "The directorate decided the case."),
    business(
        "complaint.info_requested",
        "The business or the directorate asked the consumer for information.",
    ),
    business(
        "obligation.due_soon",
        "A ledger obligation falls due within the reminder lead, unpaid.",
    ),
    business(
        "complaint.appealed",
        "A party recorded an appeal of the decision to the court.",
    ),
    business(
        "obligation.updated",
        "A ledger obligation was paid, confirmed or disputed.",
    ),
    business(
        "obligation.overdue",
        "A ledger obligation passed its due date unpaid.",
    ),
    business(
        "business.surge_started",
        "Complaints against the business reached the policy's surge rate.",
    ),
    business(
        "business.surge_ended",
        "Complaints against the business fell below half the surge rate.",
    ),
    agency(
        "surge.started",
        "Complaints against a business reached the policy's surge rate.",
    ),
    agency(
        "surge.ended",
        "Complaints against a business fell below half the surge rate.",
    ),
    agency(
        "referral.packet",
        "The case's referral packet (the e-file), on escalation or referral.",
    ),
    agency(
        "review.overdue",
        "A review of a case passed its due time undecided.",
    ),
    agency(
        "referral.updated",
        "A referral to the agency changed status.",
    ),
];

impl EventType {
    pub fn find(code: &str) -> Option<&'static EventType> {
        EVENT_TYPES.iter().find(|e| e.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_codes_are_unique_and_dotted() {
        let mut codes: Vec<_> = EVENT_TYPES.iter().map(|e| e.code).collect();
        assert!(codes.iter().all(|c| c.split('.').count() == 2));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), EVENT_TYPES.len());
    }

    #[test]
    fn the_referral_packet_goes_only_to_agencies() {
        assert_eq!(
            EventType::find("referral.packet").map(|e| e.audience),
            Some(Audience::Agency)
        );
        assert_eq!(
            EventType::find("complaint.created").map(|e| e.audience),
            Some(Audience::Business)
        );
        assert_eq!(EventType::find("nonsense.event"), None);
    }
}
