//! What a case's timeline records, as one closed list: each happening knows its kind, the move
//! it was (if any), whether only staff may read it, and its detail. The store turns it into a
//! row once (`ccms_persistence::complaints::events::Event::of`); nothing else writes kinds.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use super::clocks::{ClockChange, ClockKind};
use super::routing::RoutingDecision;
use super::{Action, Decision, State};
use crate::authority::appeal::Appeal;
use crate::authority::hearing::{Hearing, HearingStatus};
use crate::authority::ledger::{Obligation, ObligationKind, ObligationStatus};
use crate::authority::referral::ReferralStatus;
use crate::authority::review::Review;
use crate::complaint::offer::Offer;

/// One entry of a case's timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Happening {
    /// The complaint arrived (always `submitted`).
    Filed,
    /// The policy routed it: the decision with its version and rule.
    Routed(RoutingDecision),
    /// The move routing made (to the business, or to the agency).
    FirstMove { action: Action, to: State },
    /// A lifecycle move by a person or the worker.
    Moved {
        action: Action,
        from: State,
        to: State,
        note: Option<String>,
        decision: Option<Decision>,
        officer_id: Option<Uuid>,
    },
    /// A clock started, paused, resumed, stopped, neared or ran out.
    Clock {
        clock: ClockKind,
        change: ClockChange,
        deadline: Option<DateTime<Utc>>,
        source: String,
    },
    /// A message between the parties.
    Message { text: String },
    /// An internal note: staff only.
    Note { text: String },
    /// A file attached as evidence.
    Evidence {
        evidence_id: Uuid,
        file_name: String,
        sha256: String,
    },
    /// A hearing set, moved, cancelled or held.
    Hearing {
        hearing_id: Uuid,
        scheduled_at: DateTime<Utc>,
        mode: crate::authority::hearing::HearingMode,
        status: HearingStatus,
    },
    /// The decision.
    Decided {
        verdict: Decision,
        fine_poisha: i64,
        compensation_poisha: i64,
        appeal_until: DateTime<Utc>,
    },
    /// An obligation owed, paid, confirmed, disputed or overdue (`due_at` when it is owed or
    /// fell overdue; `note` the payment reference or the dispute's reason).
    Ledger {
        obligation_id: Uuid,
        kind: ObligationKind,
        status: ObligationStatus,
        amount_poisha: i64,
        due_at: Option<DateTime<Utc>>,
        note: Option<String>,
    },
    /// A referral made or moved on by its regulator.
    Referral {
        referral_id: Uuid,
        agency_code: String,
        status: ReferralStatus,
    },
    /// The consumer's verdict: resolved or not, and their rating.
    Feedback { rating: i32, resolved: bool },
    /// A business's proposed remedy, and later what became of it (replaced, accepted, ...).
    Offer(Offer),
    /// A party's appeal of the decision to the court.
    Appeal(Appeal),
    /// A review asked for, then decided.
    Review(Review),
    /// The complainant confirmed a case an operator filed for them: by SMS, to the operator,
    /// or in the app.
    Confirmed { via: String },
    /// The complainant gave or withdrew consent to publish the narrative.
    Consent { consent_to_publish: bool },
    /// A command the complainant sent by SMS (or WhatsApp), as the gateway delivered it.
    Texted {
        verb: String,
        channel: String,
        message_id: String,
    },
}

impl Happening {
    /// The hearing as its timeline entry.
    pub fn of_hearing(hearing: &Hearing) -> Happening {
        Happening::Hearing {
            hearing_id: hearing.id,
            scheduled_at: hearing.scheduled_at,
            mode: hearing.mode,
            status: hearing.status,
        }
    }

    /// An obligation as its ledger entry; `due_at` where the entry should show it (owed,
    /// overdue), `note` the payment reference or the dispute's reason.
    pub fn of_obligation(
        obligation: &Obligation,
        due_at: Option<DateTime<Utc>>,
        note: Option<String>,
    ) -> Happening {
        Happening::Ledger {
            obligation_id: obligation.id,
            kind: obligation.kind,
            status: obligation.status,
            amount_poisha: obligation.amount_poisha,
            due_at,
            note,
        }
    }

    /// The row's `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Happening::Filed => "filed",
            Happening::Routed(_) => "routed",
            Happening::FirstMove { .. } | Happening::Moved { .. } => "transition",
            Happening::Clock { .. } => "clock",
            Happening::Message { .. } => "message",
            Happening::Note { .. } => "note",
            Happening::Evidence { .. } => "evidence",
            Happening::Hearing { .. } => "hearing",
            Happening::Decided { .. } => "decision",
            Happening::Ledger { .. } => "ledger",
            Happening::Referral { .. } => "referral",
            Happening::Feedback { .. } => "feedback",
            Happening::Offer(_) => "offer",
            Happening::Appeal(_) => "appeal",
            Happening::Review(_) => "review",
            Happening::Confirmed { .. } => "confirmation",
            Happening::Texted { .. } => "sms",
            Happening::Consent { .. } => "consent",
        }
    }

    /// The move it records: (action, from, to), each where there is one.
    pub fn movement(&self) -> (Option<Action>, Option<State>, Option<State>) {
        match self {
            Happening::Filed => (None, None, Some(State::Submitted)),
            Happening::FirstMove { action, to } => {
                (Some(*action), Some(State::Submitted), Some(*to))
            }
            Happening::Moved {
                action, from, to, ..
            } => (Some(*action), Some(*from), Some(*to)),
            Happening::Routed(_)
            | Happening::Clock { .. }
            | Happening::Message { .. }
            | Happening::Note { .. }
            | Happening::Evidence { .. }
            | Happening::Hearing { .. }
            | Happening::Decided { .. }
            | Happening::Ledger { .. }
            | Happening::Referral { .. }
            | Happening::Feedback { .. }
            | Happening::Offer(_)
            | Happening::Appeal(_)
            | Happening::Review(_)
            | Happening::Confirmed { .. }
            | Happening::Texted { .. }
            | Happening::Consent { .. } => (None, None, None),
        }
    }

    /// Only staff may read it (DOMAIN.md: internal notes).
    pub fn staff_only(&self) -> bool {
        matches!(self, Happening::Note { .. })
    }

    /// The entry's detail, as the timeline shows it.
    pub fn detail(&self) -> Value {
        match self {
            Happening::Filed | Happening::FirstMove { .. } => json!({}),
            Happening::Routed(decision) => serde_json::to_value(decision).unwrap_or_default(),
            Happening::Moved {
                note,
                decision,
                officer_id,
                ..
            } => json!({ "note": note, "decision": decision, "officer_id": officer_id }),
            Happening::Clock {
                clock,
                change,
                deadline,
                source,
            } => {
                json!({ "clock": clock, "change": change, "deadline": deadline, "source": source })
            }
            Happening::Message { text } | Happening::Note { text } => json!({ "text": text }),
            Happening::Evidence {
                evidence_id,
                file_name,
                sha256,
            } => json!({ "evidence_id": evidence_id, "file_name": file_name, "sha256": sha256 }),
            Happening::Hearing {
                hearing_id,
                scheduled_at,
                mode,
                status,
            } => {
                json!({ "hearing_id": hearing_id, "scheduled_at": scheduled_at, "mode": mode, "status": status })
            }
            Happening::Decided {
                verdict,
                fine_poisha,
                compensation_poisha,
                appeal_until,
            } => json!({ "verdict": verdict, "fine_poisha": fine_poisha,
                "compensation_poisha": compensation_poisha, "appeal_until": appeal_until }),
            Happening::Ledger {
                obligation_id,
                kind,
                status,
                amount_poisha,
                due_at,
                note,
            } => {
                let mut detail = json!({ "obligation_id": obligation_id, "kind": kind, "status": status, "amount_poisha": amount_poisha });
                if let Some(due_at) = due_at {
                    detail["due_at"] = json!(due_at);
                }
                if let Some(note) = note {
                    detail["note"] = json!(note);
                }
                detail
            }
            Happening::Referral {
                referral_id,
                agency_code,
                status,
            } => {
                json!({ "referral_id": referral_id, "agency_code": agency_code, "status": status })
            }
            Happening::Feedback { rating, resolved } => {
                json!({ "rating": rating, "resolved": resolved })
            }
            Happening::Offer(offer) => json!({ "offer_id": offer.id, "remedy": offer.remedy,
                "amount_poisha": offer.amount_poisha, "promised_by": offer.promised_by,
                "note": offer.note, "status": offer.status }),
            Happening::Review(review) => serde_json::to_value(review).unwrap_or_default(),
            Happening::Confirmed { via } => json!({ "via": via }),
            Happening::Consent { consent_to_publish } => {
                json!({ "consent_to_publish": consent_to_publish })
            }
            Happening::Texted {
                verb,
                channel,
                message_id,
            } => json!({ "verb": verb, "channel": channel, "message_id": message_id }),
            Happening::Appeal(appeal) => json!({ "appeal_id": appeal.id, "party": appeal.party,
                "court": appeal.court, "reference": appeal.reference, "filed_on": appeal.filed_on }),
        }
    }
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
