//! Erasing a case's personal data: after the policy's retention (the worker's sweep), or
//! earlier on its complainant's request, each time only where no bar applies
//! (`ccms_domain::privacy::Bar`). The erasure, its audit entry and the search words commit
//! together; the evidence bytes are removed from the object store after the commit by the caller
//! (and by the worker's collector if that fails).

use ccms_domain::complaint::{Complaint, TrackingNumber};
use ccms_domain::privacy::{Bar, HoldFacts, Retention};
use ccms_persistence::DbConnection;
use ccms_persistence::complaints;
use ccms_persistence::identity::accounts;
use ccms_persistence::journal::Journal;
use ccms_persistence::privacy::{self, erasure, holds};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::{Actor, UseCaseError};

/// Why a case is erased, as the audit entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    /// Its retention ran out.
    Retention,
    /// Its complainant asked.
    Request,
}

impl Ground {
    fn code(self) -> &'static str {
        match self {
            Ground::Retention => "retention",
            Ground::Request => "request",
        }
    }
}

/// One case erased: the evidence files whose bytes are to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Erased {
    pub complaint_id: Uuid,
    pub evidence: Vec<Uuid>,
}

/// The bar that keeps the case at `now` from erasure on `ground`, if any.
pub fn bar(
    conn: &mut DbConnection,
    (case, ground): (&Complaint, Ground),
    now: DateTime<Utc>,
) -> Result<Option<Bar>, UseCaseError> {
    let held = holds::held(conn, case.id)?;
    let facts = HoldFacts {
        case,
        erased: case.erased_at.is_some(),
        legal_hold: held.legal_hold,
        in_open_matter: held.in_open_matter,
        appealed: held.appealed,
        review_pending: held.review_pending,
        obligations_open: held.obligations_open,
        referral_open: held.referral_open,
        requested: ground == Ground::Request,
    };
    Ok(Bar::first(&facts, now))
}

/// Erases the case unless a bar keeps it; the bar otherwise.
pub fn erase_case(
    conn: &mut DbConnection,
    (case_id, ground, actor): (Uuid, Ground, &Actor),
    now: DateTime<Utc>,
) -> Result<Result<Erased, Bar>, UseCaseError> {
    complaints::lock(conn, case_id)?;
    let case = complaints::find(conn, case_id)?;
    if let Some(bar) = bar(conn, (&case, ground), now)? {
        return Ok(Err(bar));
    }
    let evidence = erasure::erase(conn, &case, now, ground == Ground::Retention)?;
    let mut audit = actor.entry(now, "complaint.erase", "complaint", case.id);
    audit.detail = json!({ "ground": ground.code(), "evidence_files": evidence.len() });
    let mut journal = Journal::default();
    journal.audit.push(audit);
    journal.write(conn)?;
    Ok(Ok(Erased {
        complaint_id: case.id,
        evidence,
    }))
}

/// Cases erased per transaction.
const BATCH: i64 = 200;

/// Erases every case past `retention` at `now` that no bar keeps, a batch per transaction;
/// what was erased. Blocking.
pub fn erase_expired(
    store: &ccms_persistence::Store,
    retention: &Retention,
    now: DateTime<Utc>,
) -> Result<Vec<Erased>, UseCaseError> {
    let (cutoff, actor) = (retention.cutoff(now), Actor::system());
    // Partners' kept answers hold whole case views; they go once past their promised day.
    store.transaction(|conn| {
        ccms_persistence::idempotency::forget_before(
            conn,
            now - ccms_persistence::idempotency::KEPT,
        )
    })?;
    let (mut erased, mut after) = (Vec::new(), None);
    loop {
        // Only what committed is handed back: its evidence bytes are removed next.
        let (seen, last, batch) = store.transaction(|conn| {
            let due = erasure::due(conn, cutoff, after, BATCH)?;
            let mut batch = Vec::new();
            for (id, _) in &due {
                // Each case under a savepoint: one that fails is logged and passed over, never
                // holding up every case after it.
                let erased = ccms_persistence::db::savepoint(conn, |conn| {
                    erase_case(conn, (*id, Ground::Retention, &actor), now)
                });
                match erased {
                    Ok(Ok(done)) => batch.push(done),
                    Ok(Err(_kept)) => {}
                    Err(error) => {
                        log::error!(
                            "retention: case {id} not erased: {}",
                            crate::cause_chain(&error)
                        );
                    }
                }
            }
            Ok::<_, UseCaseError>((due.len(), due.last().map(|(id, at)| (*at, *id)), batch))
        })?;
        erased.extend(batch);
        after = last;
        if i64::try_from(seen).unwrap_or(i64::MAX) < BATCH {
            return Ok(erased);
        }
    }
}

/// What a consumer's request did.
#[derive(Debug, Clone, Default)]
pub struct RequestAnswer {
    pub erased: Vec<(TrackingNumber, Erased)>,
    pub refused: Vec<(TrackingNumber, Bar)>,
    /// Every case erased (or none to erase): the account went too.
    pub account_erased: bool,
}

/// Erases every case of `consumer` that no bar keeps, and then, if none is kept, their account.
pub fn erase_mine(
    conn: &mut DbConnection,
    (consumer, actor): (Uuid, &Actor),
    now: DateTime<Utc>,
) -> Result<RequestAnswer, UseCaseError> {
    let account = accounts::lock(conn, consumer)?;
    let mut answer = RequestAnswer::default();
    for case in privacy::cases_of(conn, consumer)? {
        if case.erased_at.is_some() {
            continue;
        }
        match erase_case(conn, (case.id, Ground::Request, actor), now)? {
            Ok(erased) => answer.erased.push((case.tracking_number, erased)),
            Err(bar) => answer.refused.push((case.tracking_number, bar)),
        }
    }
    if answer.refused.is_empty() {
        let phone = account.phone.as_ref().map(|p| p.as_str());
        erasure::erase_account(conn, consumer, phone, now)?;
        let mut audit = actor.entry(now, "account.erase", "account", consumer);
        audit.detail = json!({ "cases": answer.erased.len() });
        let mut journal = Journal::default();
        journal.audit.push(audit);
        journal.write(conn)?;
        answer.account_erased = true;
    }
    Ok(answer)
}
