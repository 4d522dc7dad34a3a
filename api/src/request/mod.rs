//! What the middlewares note on a request and its answer, for the layers above them: its id,
//! whether it was turned away, and the rate-limit headers. Depends on nothing else in the crate,
//! so `problem`, `context`, `auth` and `http` can all use it.

pub mod rate_limit_headers;

/// Marks a request answered `503 overloaded`: under a flood there are thousands a second, and
/// a log line for each would cost the server what it is trying to save (metrics count them).
#[derive(Debug, Clone, Copy)]
pub struct TurnedAway;

/// The id that ties a request to its log lines and its audit entries.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);
