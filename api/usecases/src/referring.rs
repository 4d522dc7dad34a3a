//! Referrals to sector regulators: made by policy when a case is escalated, or by an officer;
//! the regulator of the agency acknowledges, accepts or declines, and concludes. A regulator
//! sees only the referrals to its own agency; any other is `NotFound`.

use ccms_domain::Invalid;
use ccms_domain::access::{Action as Permission, Relation, Role, permits};
use ccms_domain::authority::referral::{self, Referral, ReferralStep};
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::registry::AgencyCode;
use ccms_persistence::authority::referrals;
use ccms_persistence::journal::Journal;
use ccms_persistence::registry::agencies;
use ccms_persistence::{DbConnection, StoreError, complaints};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::books::Books;
use crate::moves::{announce, timeline};
use crate::stage::{Loaded, OnCase};
use crate::{Actor, Conflict, UseCaseError};

/// Who reads or steps a referral: their role and, for a regulator, their agency.
#[derive(Debug, Clone)]
pub struct ReferralCaller {
    pub role: Role,
    pub agency: Option<String>,
}

impl ReferralCaller {
    fn relation(&self, referral: &Referral) -> Relation {
        Relation {
            same_agency: self.agency.as_deref() == Some(referral.agency_code.as_str()),
            ..Relation::NONE
        }
    }
}

/// A regulator's step with what it needs, parsed.
#[derive(Debug, Clone)]
pub enum RegulatorStep {
    Acknowledge { reference: String },
    Accept,
    Decline { reason: String },
    Conclude { outcome: String },
}

impl RegulatorStep {
    fn step(&self) -> ReferralStep {
        match self {
            RegulatorStep::Acknowledge { .. } => ReferralStep::Acknowledge,
            RegulatorStep::Accept => ReferralStep::Accept,
            RegulatorStep::Decline { .. } => ReferralStep::Decline,
            RegulatorStep::Conclude { .. } => ReferralStep::Conclude,
        }
    }
}

/// The referral `id`, if `caller` may see it.
pub fn visible(
    conn: &mut DbConnection,
    caller: &ReferralCaller,
    id: Uuid,
) -> Result<Referral, UseCaseError> {
    let found = referrals::find(conn, id)?;
    if !permits(
        caller.role,
        Permission::ViewReferrals,
        caller.relation(&found),
    ) {
        return Err(UseCaseError::NotFound);
    }
    Ok(found)
}

/// Refers the case to the registered agency `code`, once per agency; the packet goes to the
/// agency through the outbox (`referral.packet`).
pub fn refer(
    conn: &mut DbConnection,
    on: OnCase,
    code: AgencyCode,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Referral, UseCaseError> {
    let Loaded { case, .. } = Loaded::load(conn, books, &on, Permission::ReferCase)?;
    match agencies::find_by_code(conn, &code) {
        Err(StoreError::NotFound) => Err(Invalid::field("agency_code", "unknown_agency"))?,
        other => drop(other?),
    }
    if !referrals::open(conn, case.id, code.as_str(), &on.actor.id, now)? {
        return Err(StoreError::Conflict("agency_code".into()).into());
    }
    let made = referrals::for_complaint(conn, case.id)?
        .into_iter()
        .find(|r| r.agency_code == code.as_str())
        .ok_or(UseCaseError::NotFound)?;
    let mut journal = Journal::default();
    journal
        .events
        .push(timeline::entry(&case, &on.actor, now, &happening(&made)));
    let packet = json!({ "agency_code": made.agency_code, "referral_id": made.id });
    journal
        .outbox
        .push(announce::to_agency(&case, "referral.packet", now, packet));
    journal
        .audit
        .push(on.actor.entry(now, "referral.open", "referral", made.id));
    journal.write(conn)?;
    Ok(made)
}

/// Takes the regulator's `step` on referral `id`; a step that does not follow is a `Conflict`.
pub fn step(
    conn: &mut DbConnection,
    (caller, actor): (&ReferralCaller, &Actor),
    id: Uuid,
    taken: RegulatorStep,
    now: DateTime<Utc>,
) -> Result<Referral, UseCaseError> {
    let current = visible(conn, caller, id)?;
    if !permits(
        caller.role,
        Permission::ActOnReferral,
        caller.relation(&current),
    ) {
        return Err(UseCaseError::Forbidden);
    }
    let step = taken.step();
    let status = referral::step(current.status, step)
        .ok_or(UseCaseError::Conflict(Conflict::StepNotAllowed))?;
    let mut after = Referral {
        status,
        version: current.version + 1,
        ..current.clone()
    };
    match taken {
        RegulatorStep::Acknowledge { reference } => {
            after.regulator_reference = Some(reference);
            after.acknowledged_at = Some(now);
        }
        RegulatorStep::Accept => after.decided_at = Some(now),
        RegulatorStep::Decline { reason } => {
            after.reason = Some(reason);
            after.decided_at = Some(now);
        }
        RegulatorStep::Conclude { outcome } => {
            after.outcome = Some(outcome);
            after.concluded_at = Some(now);
        }
    }
    referrals::record_step(conn, &current, &after)?;
    let case = complaints::find(conn, after.complaint_id)?;
    let mut journal = Journal::default();
    let stepped = happening(&after);
    journal
        .events
        .push(timeline::entry(&case, actor, now, &stepped));
    let detail = stepped.detail();
    journal
        .outbox
        .push(announce::to_agency(&case, "referral.updated", now, detail));
    let mut audit = actor.entry(now, "referral.step", "referral", after.id);
    audit.detail = json!({ "step": step });
    journal.audit.push(audit);
    journal.write(conn)?;
    Ok(after)
}

fn happening(referral: &Referral) -> Happening {
    Happening::Referral {
        referral_id: referral.id,
        agency_code: referral.agency_code.clone(),
        status: referral.status,
    }
}
