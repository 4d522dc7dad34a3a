//! The routing and escalation policy, as callers see it: the document in force, a simulation
//! of a draft complaint against it, and why a case stands where it does.

mod explain;
mod simulate;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(simulate::get_policy)
        .service(simulate::simulate_policy)
        .service(explain::explain_complaint);
}
