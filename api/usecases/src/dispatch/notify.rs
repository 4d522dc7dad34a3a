//! Sending due notices through the gateway, each attempt recorded, failures retried with the
//! webhooks' backoff.

use ccms_domain::delivery::notice::NoticeStatus;
use ccms_persistence::notifications;
use futures_util::future::join_all;

use super::{DispatchReport, Dispatcher, LEASE, SEND_BATCH, in_store, jitter};
use crate::UseCaseError;
use crate::clock::Clock;

pub(super) async fn due(
    dispatcher: &Dispatcher,
    clock: &dyn Clock,
    report: &mut DispatchReport,
) -> Result<(), UseCaseError> {
    let now = clock.now();
    let taken = in_store(&dispatcher.store, move |conn| {
        Ok(notifications::take_due(conn, now, LEASE, SEND_BATCH)?)
    })
    .await?;
    let sent = join_all(taken.iter().map(|n| dispatcher.gateway.send(n))).await;
    let now = clock.now();
    for (notice, result) in taken.into_iter().zip(sent) {
        let (status, next, error) = match result {
            Ok(()) => {
                report.notices_sent += 1;
                (NoticeStatus::Sent, None, None)
            }
            Err(error) => match dispatcher
                .schedule
                .next_attempt(notice.created_at, now, jitter())
            {
                Some(next) => (NoticeStatus::Pending, Some(next), Some(error)),
                None => (NoticeStatus::Failed, None, Some(error)),
            },
        };
        let recorded = in_store(&dispatcher.store, move |conn| {
            Ok(notifications::record(
                conn, &notice, status, next, error, now,
            )?)
        })
        .await;
        if recorded.is_err() {
            log::error!("dispatcher: a notice's outcome could not be recorded: {recorded:?}");
        }
    }
    Ok(())
}
