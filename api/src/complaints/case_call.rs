//! The preamble of every handler under `/complaints/{key}`, as an extractor: the authenticated
//! caller, who they are to the case rules, the author of what the request writes, and the key.
//! Loading the case (and the 404 for one the caller may not see) happens in the use case,
//! inside its transaction (`ccms_usecases::stage::Loaded::load`, `cases::load_visible`).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use ccms_usecases::stage::OnCase;
use std::future::{Ready, ready};

use super::access::case_caller;
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::problem::ApiError;

pub struct CaseCall {
    pub caller: Caller,
    pub on: OnCase,
}

impl FromRequest for CaseCall {
    type Error = ApiError;
    type Future = Ready<Result<CaseCall, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        ready(
            Caller::from_request(req, payload)
                .into_inner()
                .map(|caller| {
                    let key = req.match_info().get("key").unwrap_or_default().to_owned();
                    let on = OnCase {
                        who: case_caller(&caller),
                        actor: actor_of(&caller, req),
                        key,
                    };
                    CaseCall { caller, on }
                }),
        )
    }
}
