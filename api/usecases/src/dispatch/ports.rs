//! Where webhooks and notices leave CCMS. The dispatcher only says what to send; the HTTP crate
//! sends it (its webhook client resolves names through the destination guard, its gateway
//! POSTs to the operator's SMS and e-mail service or writes to the log).

use ccms_domain::delivery::Destination;
use ccms_domain::delivery::notice::Notice;
use futures_util::future::BoxFuture;

/// One signed webhook request.
pub struct WebhookRequest<'a> {
    pub destination: &'a Destination,
    /// `webhook-id`, `webhook-timestamp`, `webhook-signature`, with `content-type`.
    pub headers: Vec<(&'static str, String)>,
    pub body: &'a str,
}

/// POSTs webhooks; answers the receiver's status code, or what went wrong in words (without the
/// URL, which may carry the receiver's token).
pub trait Courier: Send + Sync {
    fn post<'a>(&'a self, request: WebhookRequest<'a>) -> BoxFuture<'a, Result<u16, String>>;
}

/// Sends a consumer's SMS or e-mail; the gateway deduplicates by the notice's id, so sending
/// the same notice again is safe.
pub trait NoticeGateway: Send + Sync {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Result<(), String>>;
}
