//! Collective matters and surges over HTTP: coordinators open a matter against a business and
//! add cases to it, its officer decides all of them at once, coordinators export the payouts
//! for a payment gateway and import its report; surges are listed for staff.

mod bodies;
mod cases;
mod decision;
mod hearing;
mod matters;
mod payouts;
mod surges;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(matters::open_matter)
        .service(matters::list_matters)
        .service(matters::get_matter)
        .service(cases::add_matter_cases)
        .service(hearing::schedule_matter_hearing)
        .service(decision::decide_matter)
        .service(payouts::export_payouts)
        .service(payouts::reconcile_payouts)
        .service(surges::list_surges);
}
