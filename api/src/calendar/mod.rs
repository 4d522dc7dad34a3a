//! The holiday calendar as callers see it: the version in force and every published one
//! (public), and publishing the next version (coordinators). Working-day clocks skip its
//! holidays and the policy's weekend.

mod document;
mod publish;

pub use ccms_usecases::books::{CalendarBook, publish_first};

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(document::get_calendar)
        .service(document::get_calendar_version)
        .service(publish::publish_calendar);
}
