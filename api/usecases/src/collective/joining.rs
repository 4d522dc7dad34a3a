//! Cases joining a matter: by a coordinator (a list of cases, or every case of the business at
//! the directorate), or at filing while an auto-joining matter is open. A case joins once, is
//! assigned to the matter's officer (an ordinary `assign` move, with its timeline, audit and
//! outbox entries) and the matter's timeline counts it.

use ccms_domain::access::Role;
use ccms_domain::collective::matter::{JOINS_FROM, may_join};
use ccms_domain::collective::{JoinRefusal, Matter, MatterStatus};
use ccms_domain::complaint::transition::MoveDetails;
use ccms_domain::complaint::{Action, CaseCaller, Complaint};
use ccms_persistence::DbConnection;
use ccms_persistence::collective::matters::{self, CaseFilter};
use ccms_persistence::db::savepoint;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::acting::{ActCommand, Precondition, act};
use crate::books::Books;
use crate::cases::load_visible;
use crate::stage::OnCase;
use crate::{Actor, Conflict, UseCaseError};

/// The most cases one request names.
pub const MAX_LISTED: usize = 1000;

/// What adding cases did: how many joined, and each case that did not, with why.
#[derive(Debug, Default, Serialize)]
pub struct Joined {
    pub added: usize,
    pub refused: Vec<(Uuid, JoinRefusal)>,
}

/// Adds `cases` to the matter as `who`, at `now`.
pub fn add(
    conn: &mut DbConnection,
    (matter_id, cases): (Uuid, Vec<Uuid>),
    (who, actor): (&CaseCaller, &Actor),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Joined, UseCaseError> {
    let matter = matters::find_locked(conn, matter_id)?;
    if matter.status == MatterStatus::Decided {
        return Err(UseCaseError::Conflict(Conflict::MatterDecided));
    }
    let mut joined = Joined::default();
    for id in cases {
        let case = match load_visible(conn, &id.to_string(), who) {
            Ok((case, _)) => case,
            Err(UseCaseError::NotFound) => {
                joined.refused.push((id, JoinRefusal::UnknownCase));
                continue;
            }
            Err(other) => return Err(other),
        };
        match join(conn, &matter, &case, (who, actor), books, now)? {
            Ok(()) => joined.added += 1,
            Err(refusal) => joined.refused.push((id, refusal)),
        }
    }
    let detail = json!({ "added": joined.added, "refused": joined.refused.len() });
    matters::record(
        conn,
        matter.id,
        (now, &actor.id),
        "cases_added",
        detail.clone(),
    )?;
    let mut entry = actor.entry(now, "matter.add_cases", "matter", matter.id);
    entry.detail = detail;
    ccms_persistence::audit::record(conn, entry)?;
    Ok(joined)
}

/// Adds every case of the matter's business at the directorate that is in no matter yet and
/// passes `filter`.
pub fn add_all(
    conn: &mut DbConnection,
    (matter_id, filter): (Uuid, &CaseFilter),
    (who, actor): (&CaseCaller, &Actor),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Joined, UseCaseError> {
    let matter = matters::find(conn, matter_id)?;
    let mut found = Vec::new();
    let mut after = None;
    loop {
        let page =
            matters::candidates(conn, (matter.business_id, filter), JOINS_FROM, after, 1000)?;
        after = page.last().copied();
        let full = page.len() == 1000;
        found.extend(page);
        if !full {
            break;
        }
    }
    add(conn, (matter_id, found), (who, actor), books, now)
}

/// One case into the matter: checked, recorded, assigned to the matter's officer. A case the
/// assignment refuses (the officer left the agency, say) is a refusal, its writes undone; only
/// a store failure fails the whole request.
pub(crate) fn join(
    conn: &mut DbConnection,
    matter: &Matter,
    case: &Complaint,
    by: (&CaseCaller, &Actor),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Result<(), JoinRefusal>, UseCaseError> {
    if let Err(refusal) = may_join(matter, case) {
        return Ok(Err(refusal));
    }
    match savepoint(conn, |conn| joined(conn, matter, case, by, books, now)) {
        Ok(done) => Ok(done),
        Err(UseCaseError::Store(failed)) => Err(UseCaseError::Store(failed)),
        Err(_) => Ok(Err(JoinRefusal::NotAssignable)),
    }
}

fn joined(
    conn: &mut DbConnection,
    matter: &Matter,
    case: &Complaint,
    (who, actor): (&CaseCaller, &Actor),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Result<(), JoinRefusal>, UseCaseError> {
    if !matters::add_case(conn, matter.id, case.id, now)? {
        return Ok(Err(JoinRefusal::InAMatter));
    }
    if case.assigned_officer != Some(matter.officer_id) {
        let assign = ActCommand {
            on: OnCase {
                who: who.clone(),
                actor: actor.clone(),
                key: case.id.to_string(),
            },
            action: Action::Assign,
            details: MoveDetails {
                officer_id: Some(matter.officer_id),
                note: Some(format!("Joined the collective matter {}.", matter.id)),
                ..MoveDetails::default()
            },
            precondition: Precondition::Any,
        };
        act(conn, assign, books, now)?;
    }
    Ok(Ok(()))
}

/// A new case against a business whose open matter takes new cases: it joins as the system
/// (when the surge routed it to the directorate; a case with the business first does not).
pub(crate) fn join_at_filing(
    conn: &mut DbConnection,
    matter: Uuid,
    case: &Complaint,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let matter = matters::find_locked(conn, matter)?;
    let system = CaseCaller {
        role: Role::Coordinator,
        account_id: None,
        client_id: None,
        business_id: None,
        agency: None,
    };
    match join(conn, &matter, case, (&system, &Actor::system()), books, now)? {
        Ok(()) => {
            let detail = json!({ "added": 1, "complaint_id": case.id, "at_filing": true });
            matters::record(conn, matter.id, (now, "system"), "cases_added", detail)?;
        }
        // The case stays filed: a coordinator can add it later.
        Err(refusal) => log::warn!(
            "case {} did not join matter {} at filing: {refusal:?}",
            case.id,
            matter.id
        ),
    }
    Ok(())
}
