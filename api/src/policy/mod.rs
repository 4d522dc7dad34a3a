//! The routing and escalation policy, as callers see it: the version in force and every
//! published one, publishing a new version, a simulation of a draft complaint against the
//! policy, and why a case stands where it does.

mod document;
mod explain;
mod publish;
mod simulate;
mod simulation;

pub use ccms_usecases::books::{PolicyBook, publish_shipped};

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(document::get_policy)
        .service(document::get_policy_version)
        .service(publish::publish_policy)
        .service(simulate::simulate_policy)
        .service(explain::explain_complaint);
}
