//! When an agreed or ordered remedy has reached the consumer, and when it has failed them: the
//! ledger's rules that close a resolved case, let the consumer reopen, and take a consumer's
//! silence after a payment as its receipt (DOMAIN.md, "Redress").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ledger::{Obligation, ObligationStatus, Party};

/// The statuses in which an obligation to the consumer has failed them: the consumer may reopen
/// the case, and it goes to DNCRP for enforcement (DOMAIN.md, "Redress").
pub const FAILS_THE_CONSUMER: &[ObligationStatus] =
    &[ObligationStatus::Overdue, ObligationStatus::Disputed];

/// Whether any obligation owed to the consumer has failed them.
pub fn fails_the_consumer(obligations: &[Obligation]) -> bool {
    obligations
        .iter()
        .any(|o| o.receiver == Party::Consumer && FAILS_THE_CONSUMER.contains(&o.status))
}

/// Whether a case's agreed remedy is delivered: it has obligations from the business to the
/// consumer, and every one of them is confirmed. Then a resolved case closes.
pub fn redress_delivered(obligations: &[Obligation]) -> bool {
    let mut owed_to_consumer = obligations
        .iter()
        .filter(|o| o.payer == Party::Business && o.receiver == Party::Consumer)
        .peekable();
    owed_to_consumer.peek().is_some()
        && owed_to_consumer.all(|o| o.status == ObligationStatus::Confirmed)
}

/// How long a consumer may stay silent after the business marks an obligation paid before it is
/// taken as received, with where that comes from: policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConfirmationWindow {
    /// Days after the payment was marked, 1 to 90.
    pub days: u32,
    pub source: String,
}

impl Default for ConfirmationWindow {
    fn default() -> ConfirmationWindow {
        ConfirmationWindow {
            days: 7,
            source: "CCMS policy (no statute sets one): as long as the consumer has to answer a \
                     proposed resolution, DOMAIN.md \"consumer decision\" clock"
                .into(),
        }
    }
}

/// The statuses the worker takes as confirmed once the window has passed since `paid_at`.
pub const CONFIRMED_BY_SILENCE_FROM: &[ObligationStatus] = &[ObligationStatus::Paid];

/// Whether the consumer's silence confirms an obligation paid at `paid_at`, at `now`.
pub fn confirmed_by_silence(
    obligation: &Obligation,
    window: &ConfirmationWindow,
    now: DateTime<Utc>,
) -> bool {
    obligation.receiver == Party::Consumer
        && CONFIRMED_BY_SILENCE_FROM.contains(&obligation.status)
        && obligation
            .paid_at
            .is_some_and(|paid| paid + chrono::Duration::days(i64::from(window.days)) <= now)
}
