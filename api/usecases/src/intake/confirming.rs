//! Confirming a held case with the code its caller received: the caller themselves (in the app
//! after signing in by OTP, or by SMS), or the operator who filed it, hearing the code from the
//! caller. The right code makes the routing move the filing held back, in one transaction with
//! its timeline, audit and outbox entries (the business hears of the case only now); a wrong
//! one spends a try, and is kept even though the answer is a refusal.

use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::filed::first_move;
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::transition::{MoveDetails, transition};
use ccms_domain::complaint::{Complaint, Side};
use ccms_domain::intake::IntakeCode;
use ccms_persistence::DbConnection;
use ccms_persistence::complaints::events::Event;
use ccms_persistence::complaints::{self as stored, CaseMove};
use ccms_persistence::intake::confirmations;
use ccms_persistence::journal::Journal;
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::books::Books;
use crate::dispatch::WebhookKey;
use crate::moves::{announce, clock_events, on_first_escalation, timeline};
use crate::stage::{Loaded, OnCase};
use crate::{Actor, Conflict, UseCaseError};

/// How the code came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Sms,
    Operator,
    App,
}

impl Via {
    pub fn code(self) -> &'static str {
        match self {
            Via::Sms => "sms",
            Via::Operator => "operator",
            Via::App => "app",
        }
    }
}

/// What a code did.
#[derive(Debug, Clone)]
pub enum Confirmation {
    /// The case went to its first handler.
    Confirmed(Box<Complaint>),
    /// Not the code; `left` tries remain.
    WrongCode { left: i32 },
}

/// A caller with `ConfirmIntake` on the case `on` names offers `code`.
pub fn confirm(
    conn: &mut DbConnection,
    (on, code): (OnCase, IntakeCode),
    key: &WebhookKey,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Confirmation, UseCaseError> {
    let loaded = Loaded::load(conn, books, &on, Permission::ConfirmIntake)?;
    stored::lock(conn, loaded.case.id)?;
    let via = if on.who.role == ccms_domain::access::Role::IntakeOperator {
        Via::Operator
    } else {
        Via::App
    };
    offer(
        conn,
        &loaded.case,
        (&code, key),
        (via, &on.actor),
        books,
        now,
    )
}

/// `code` offered for `case` (found, locked and the caller's to confirm).
pub(crate) fn offer(
    conn: &mut DbConnection,
    case: &Complaint,
    (code, key): (&IntakeCode, &WebhookKey),
    (via, actor): (Via, &Actor),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Confirmation, UseCaseError> {
    let pending = confirmations::find(conn, case.id)?
        .filter(|p| p.confirmed_at.is_none() && case.is_held())
        .ok_or(UseCaseError::Conflict(Conflict::NotHeld))?;
    if pending.attempts_left <= 0 {
        return Err(UseCaseError::Conflict(Conflict::NoTriesLeft));
    }
    // Its clock ran out: the sweep closes it unverified, whenever it comes by.
    let clock = ccms_domain::complaint::clocks::ClockKind::IntakeConfirmation;
    if case.clocks.due(now).is_some_and(|(kind, _)| kind == clock) {
        return Err(UseCaseError::Conflict(Conflict::WindowClosed));
    }
    if !key.code_matches(case.id, code.as_str(), &pending.code_digest) {
        confirmations::spend_attempt(conn, case.id)?;
        let mut audit = actor.entry(now, "complaint.confirm_refused", "complaint", case.id);
        audit.detail = json!({ "via": via.code(), "reason": "wrong_code" });
        let mut journal = Journal::default();
        journal.audit.push(audit);
        journal.write(conn)?;
        return Ok(Confirmation::WrongCode {
            left: pending.attempts_left - 1,
        });
    }
    let policy = books.policies.of_case(conn, case.routing.policy_version)?;
    let holidays = books.calendars.current(conn)?;
    let timing = Timing::new(&holidays, &policy).of_category(case.filing.category);
    let first = first_move(&case.routing);
    let moved = transition(
        case,
        (first, Side::System),
        &MoveDetails::default(),
        now,
        &timing,
    )?;
    let mut journal = Journal::default();
    journal.move_case(CaseMove {
        id: case.id,
        version: case.version,
        new_version: moved.after.version,
        change: moved.change,
        at: now,
    })?;
    let after = Complaint {
        routed_at: Some(now),
        ..moved.after
    };
    let confirmed = Happening::Confirmed {
        via: via.code().to_owned(),
    };
    journal
        .events
        .push(timeline::entry(&after, actor, now, &confirmed));
    let routed = Happening::FirstMove {
        action: first,
        to: after.state,
    };
    journal
        .events
        .push(Event::of(after.id, now, ("system", "system"), &routed));
    clock_events::record(&mut journal, &after, &moved.clock_changes, now, &timing);
    journal.outbox.push(announce::created(&after, now));
    if moved.first_escalation {
        on_first_escalation(&mut journal, &after, now);
    }
    let mut audit = actor.entry(now, "complaint.confirm", "complaint", after.id);
    audit.detail = json!({ "via": via.code() });
    journal.audit.push(audit);
    // The notice log keeps that a code went out, never which.
    journal.codes_spent.push(case.id);
    journal.write(conn)?;
    stored::mark_routed(conn, case.id, now)?;
    confirmations::confirm(conn, case.id, via.code(), now)?;
    Ok(Confirmation::Confirmed(Box::new(after)))
}
