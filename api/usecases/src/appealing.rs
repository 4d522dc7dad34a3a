//! Recording an appeal of the case's decision to the court, by a party to the case, while the
//! decision's appeal window runs (CRPA 2009: 60 days, to the Sessions Judge).

use ccms_domain::access::Action as Permission;
use ccms_domain::authority::appeal::{self, APPELLANTS, Appeal};
use ccms_domain::authority::ledger::Party;
use ccms_domain::complaint::side;
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::DbConnection;
use ccms_persistence::authority::{appeals, decisions};
use ccms_persistence::journal::Journal;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::books::Books;
use crate::moves::{announce, timeline};
use crate::stage::{Loaded, OnCase};
use crate::{Conflict, UseCaseError};

/// An appeal as its party states it (texts already parsed at the edge).
pub struct AppealCommand {
    pub court: String,
    pub reference: String,
    pub filed_on: NaiveDate,
}

/// Records the appeal; answers it. A second one by the same party is a `Conflict` of the store.
pub fn record(
    conn: &mut DbConnection,
    on: OnCase,
    command: AppealCommand,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Appeal, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::RecordAppeal)?;
    let party = side(on.who.role, loaded.relation)
        .and_then(Party::of)
        .filter(|party| APPELLANTS.contains(party))
        .ok_or(UseCaseError::Forbidden)?;
    let case = &loaded.case;
    let decision =
        decisions::find(conn, case.id)?.ok_or(UseCaseError::Conflict(Conflict::NotDecided))?;
    if !appeal::window_open(decision.appeal_until, now) {
        return Err(UseCaseError::Conflict(Conflict::WindowClosed));
    }
    appeal::check_filed_on(command.filed_on, decision.decided_at, now)?;
    let recorded = Appeal {
        id: Uuid::now_v7(),
        complaint_id: case.id,
        party,
        court: command.court,
        reference: command.reference,
        filed_on: command.filed_on,
        recorded_at: now,
    };
    appeals::insert(conn, &recorded)?;
    let happening = Happening::Appeal(recorded.clone());
    let mut journal = Journal::default();
    journal
        .events
        .push(timeline::entry(case, &on.actor, now, &happening));
    let detail = happening.detail();
    journal
        .outbox
        .push(announce::message(case, "complaint.appealed", now, detail));
    journal.audit.push(
        on.actor
            .entry(now, "complaint.appeal", "complaint", case.id),
    );
    journal.write(conn)?;
    Ok(recorded)
}
