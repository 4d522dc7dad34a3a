//! The caller as the author of what a request writes (`Actor`) and of what it reads
//! (`ReadBy`, for the audit log of officials' reads).

use actix_web::{HttpMessage, HttpRequest};

use super::Caller;
use crate::context::{Actor, ReadBy};
use crate::request::RequestId;

/// The id of the request being served, as the request-id middleware assigned it.
pub fn request_id(request: &HttpRequest) -> Option<String> {
    request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.0.clone())
}

/// The caller of a request, as the author of what it writes.
pub fn actor_of(caller: &Caller, request: &HttpRequest) -> Actor {
    Actor {
        id: caller.0.sub.clone(),
        role: caller.role().code().to_owned(),
        request_id: request_id(request),
    }
}

impl Caller {
    /// The caller as a reader of personal data (recorded only for officials).
    pub fn read_by(&self, request: &HttpRequest) -> ReadBy {
        ReadBy {
            actor: actor_of(self, request),
            official: self.role().is_official(),
        }
    }
}
