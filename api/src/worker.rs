//! The deadline worker: applies what the legal clocks say is due. A missed business deadline
//! escalates the case to DNCRP, consumer silence closes it, a missed hearing notice is recorded
//! for coordinators. Each is an ordinary move with its timeline and audit entries, in one
//! transaction per batch. Runs inside `ccms serve` and alone as `ccms worker`.

use std::time::Duration;

use ccms_domain::calendar::Calendar;
use ccms_domain::complaint::clocks::{Breach, ClockChange};
use ccms_domain::complaint::{Action, Side};
use ccms_persistence::complaints::{self as stored, CaseChange};
use ccms_persistence::{DbConnection, Store};
use chrono::{DateTime, Utc};

use crate::complaints::apply::{MoveDetails, apply};
use crate::context::Actor;
use crate::problem::ApiError;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub escalated: usize,
    pub closed: usize,
    pub flagged: usize,
}

impl SweepReport {
    pub fn total(&self) -> usize {
        self.escalated + self.closed + self.flagged
    }
}

const BATCH: i64 = 500;

fn system() -> Actor {
    Actor {
        id: "system".into(),
        role: "system".into(),
        request_id: None,
    }
}

/// Handles one due case; its clock's breach is on the timeline before its consequence.
fn handle(
    conn: &mut DbConnection,
    case: &ccms_domain::complaint::Complaint,
    now: DateTime<Utc>,
    calendar: &Calendar,
    report: &mut SweepReport,
) -> Result<(), ApiError> {
    let Some((kind, breach)) = case.clocks.due(now) else {
        return Ok(());
    };
    let details = MoveDetails {
        note: Some(format!(
            "{} ran out",
            crate::complaints::apply::code(&kind).unwrap_or_default()
        )),
        ..MoveDetails::default()
    };
    let action = match breach {
        Breach::Escalate => Some(Action::Escalate),
        Breach::Close => Some(Action::Close),
        Breach::Flag => None,
    };
    // The breach goes on the timeline first, with the deadline it missed.
    crate::complaints::clock_events::record(conn, case, &[(kind, ClockChange::Breached)], now)?;
    let moved = match action {
        Some(action) => match apply(
            conn,
            case,
            (action, Side::System),
            &details,
            &system(),
            now,
            calendar,
        ) {
            Ok(after) => Some(after),
            // The lifecycle refuses (the case moved on): the clock is simply dropped below.
            Err(ApiError::MoveNotAllowed { .. }) => None,
            Err(other) => return Err(other),
        },
        None => None,
    };
    match moved {
        Some(_) if action == Some(Action::Escalate) => report.escalated += 1,
        Some(_) => report.closed += 1,
        None => {
            let change = CaseChange {
                clocks: case.clocks.without(kind),
                ..CaseChange::keeping(case)
            };
            report.flagged += 1;
            stored::record_move(conn, case, change, now)?;
        }
    }
    Ok(())
}

/// Applies everything due by `now`, batch by batch, until nothing is due. Blocking.
pub fn sweep(
    store: &Store,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<SweepReport, ApiError> {
    let mut report = SweepReport::default();
    loop {
        let (handled, batch_report) = store.transaction(|conn| {
            let due = stored::lock_due(conn, now, BATCH)?;
            let mut batch = SweepReport::default();
            for case in &due {
                handle(conn, case, now, calendar, &mut batch)?;
            }
            Ok::<_, ApiError>((due.len(), batch))
        })?;
        report.escalated += batch_report.escalated;
        report.closed += batch_report.closed;
        report.flagged += batch_report.flagged;
        if handled < usize::try_from(BATCH).unwrap_or(usize::MAX) {
            return Ok(report);
        }
    }
}

/// Sweeps every `interval` on the server's runtime until the server stops.
pub fn spawn(
    store: Store,
    clock: std::sync::Arc<dyn crate::clock::Clock>,
    calendar: Calendar,
    interval: Duration,
) {
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(interval);
        loop {
            ticks.tick().await;
            let (store, calendar, now) = (store.clone(), calendar.clone(), clock.now());
            match actix_web::web::block(move || sweep(&store, now, &calendar)).await {
                Ok(Ok(report)) if report.total() > 0 => log::info!("deadline worker: {report:?}"),
                Ok(Ok(_)) => {}
                Ok(Err(error)) => log::error!("deadline worker: {error}"),
                Err(error) => log::error!("deadline worker: {error}"),
            }
        }
    });
}
