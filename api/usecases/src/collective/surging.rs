//! Watching for surges: after each sweep, every business at or over the policy's rate gets a
//! surge (once: the store keeps one open surge per business, so workers of several processes
//! that see it together record it once), and a surge whose rate fell below half ends. Each
//! start and end is audited and announced to the business's subscriptions.

use ccms_domain::collective::{Surge, SurgeState};
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_persistence::collective::surges;
use ccms_persistence::outbox::{self, OutboxMessage};
use ccms_persistence::{DbConnection, audit};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use uuid::Uuid;

use super::matters::MATTER_AGENCY;
use crate::{Actor, UseCaseError};

/// What one watch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SurgeReport {
    pub started: usize,
    pub ended: usize,
}

/// Starts and ends surges as the current policy's rule says at `now`.
pub fn watch(
    conn: &mut DbConnection,
    policy: &RoutingPolicy,
    now: DateTime<Utc>,
) -> Result<SurgeReport, UseCaseError> {
    let rule = &policy.surge;
    let since = now - Duration::days(i64::from(rule.days));
    let mut report = SurgeReport::default();
    for (business, count) in surges::businesses_with(conn, since, i64::from(rule.cases))? {
        let count_now = u64::try_from(count).unwrap_or_default();
        if surges::open_for(conn, business)?.is_some()
            || rule.next(SurgeState::Calm, count_now) != Some(SurgeState::Surging)
        {
            continue;
        }
        let surge = Surge {
            id: Uuid::now_v7(),
            business_id: business,
            started_at: now,
            ended_at: None,
            cases_in_window: count,
            window_days: rule.days,
            threshold: i64::from(rule.cases),
        };
        if surges::start(conn, &surge)? {
            told(
                conn,
                &surge,
                ("business.surge_started", "surge.started"),
                now,
            )?;
            report.started += 1;
        }
    }
    for surge in surges::open(conn)? {
        let count = surges::cases_since(conn, surge.business_id, since)?;
        let count = u64::try_from(count).unwrap_or_default();
        if rule.next(SurgeState::Surging, count) == Some(SurgeState::Calm)
            && surges::end(conn, surge.id, now)?
        {
            let ended = Surge {
                ended_at: Some(now),
                ..surge
            };
            told(conn, &ended, ("business.surge_ended", "surge.ended"), now)?;
            report.ended += 1;
        }
    }
    Ok(report)
}

/// The surge's audit entry and its announcements: to the business (`business.surge_*`) and to
/// the directorate, whose coordinators open matters (`surge.*`, e-mailed to its address when
/// no subscription of it hears a start).
fn told(
    conn: &mut DbConnection,
    surge: &Surge,
    (to_business, to_agency): (&str, &str),
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let messages = [
        (to_business.to_owned(), json!({ "surge": surge })),
        (to_agency.to_owned(), json!({ "surge": surge, "agency_code": MATTER_AGENCY })),
    ]
    .into_iter()
    .map(|(event_type, data)| {
        let event_id = Uuid::now_v7();
        OutboxMessage {
            event_id,
            complaint_id: None,
            business_id: Some(surge.business_id),
            payload: json!({ "id": event_id, "type": event_type, "occurred_at": now, "data": data }),
            event_type,
            created_at: now,
        }
    })
    .collect();
    outbox::enqueue_all(conn, messages)?;
    let action = if surge.ended_at.is_some() {
        "surge.end"
    } else {
        "surge.start"
    };
    let mut entry = Actor::system().entry(now, action, "business", surge.business_id);
    entry.detail = json!({ "surge_id": surge.id, "cases_in_window": surge.cases_in_window });
    audit::record(conn, entry)?;
    Ok(())
}
