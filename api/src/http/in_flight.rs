//! A bound on the requests the server works on at once. Past the database pool, more requests
//! in flight only wait longer for a connection and hold memory while they wait: at twice the
//! saturation rate, unbounded, every answer came too late to be useful. So a request beyond the
//! bound is answered at once with `503 overloaded` and `Retry-After: 1`, and those admitted are
//! served at full speed. Operator endpoints (`/healthz`, `/readyz`, `/metrics`) are never
//! turned away, so an overloaded server still reports on itself, and sign-ins are bounded by
//! their own gate.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, web};
use futures_util::StreamExt;

use crate::problem::ApiError;

const NEVER_TURNED_AWAY: [&str; 3] = ["/healthz", "/readyz", "/metrics"];
/// Sign-ins have a bound of their own, the hashing gate (`identity::HashGate`), which turns a
/// flood away before it reads the database: counted here too, a storm of them would take the
/// places every other request needs.
const BOUNDED_ELSEWHERE: [&str; 4] = [
    "/api/v1/auth/login",
    "/api/v1/auth/otp",
    "/api/v1/auth/otp/verify",
    "/api/v1/auth/token",
];

/// The server's count of requests in flight, shared by every worker thread.
#[derive(Clone)]
pub struct InFlight {
    current: Arc<AtomicUsize>,
    limit: usize,
}

/// One admitted request; gives its place back when the answer is ready (or the request dropped).
pub struct Admitted(Arc<AtomicUsize>);

impl Drop for Admitted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl InFlight {
    pub fn new(limit: usize) -> InFlight {
        InFlight {
            current: Arc::new(AtomicUsize::new(0)),
            limit: limit.max(1),
        }
    }

    /// A place, if one is free.
    pub fn admit(&self) -> Option<Admitted> {
        if self.current.fetch_add(1, Ordering::AcqRel) >= self.limit {
            self.current.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(Admitted(self.current.clone()))
    }

    pub fn current(&self) -> usize {
        self.current.load(Ordering::Acquire)
    }
}

/// Middleware: admits a request if a place is free, answers `503 overloaded` otherwise.
pub async fn bound_in_flight(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, BoxBody>>, Error> {
    let exempt = NEVER_TURNED_AWAY.contains(&req.path()) || BOUNDED_ELSEWHERE.contains(&req.path());
    let in_flight = req.app_data::<web::Data<InFlight>>().cloned();
    let place = match (&in_flight, exempt) {
        (Some(in_flight), false) => match in_flight.admit() {
            Some(place) => Some(place),
            None => {
                let mut req = req;
                drain(&mut req).await;
                return Ok(req
                    .error_response(Error::from(ApiError::Overloaded))
                    .map_into_right_body());
            }
        },
        _ => None,
    };
    let response = next.call(req).await;
    drop(place);
    response.map(ServiceResponse::map_into_left_body)
}

/// Reads and drops a turned-away request's body (at most the body limit, for at most a tenth
/// of a second), so its connection stays open for the client's retry: an unread body makes the
/// server close the connection, and a client turned away would pay for a new one each time.
async fn drain(req: &mut ServiceRequest) {
    let mut payload = req.take_payload();
    let read_all = async {
        let mut read = 0;
        while let Some(Ok(chunk)) = payload.next().await {
            read += chunk.len();
            if read > super::BODY_LIMIT_BYTES {
                break;
            }
        }
    };
    let _ = actix_web::rt::time::timeout(DRAIN_FOR, read_all).await;
}

const DRAIN_FOR: std::time::Duration = std::time::Duration::from_millis(100);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_a_request_is_turned_away_until_a_place_is_given_back() {
        let in_flight = InFlight::new(2);
        let first = in_flight.admit();
        let second = in_flight.admit();
        assert!(first.is_some() && second.is_some());
        assert!(in_flight.admit().is_none());
        assert_eq!(in_flight.current(), 2);
        drop(first);
        assert!(in_flight.admit().is_some());
    }
}
