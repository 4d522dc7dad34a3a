//! Account administration: staff accounts, partner API clients, and the agents of a business.

mod agents;
mod bodies;
mod partners;
mod staff;

pub use bodies::NewStaffBody;
pub use staff::create_staff_account;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(staff::create_staff)
        .service(staff::list_staff)
        .service(staff::update_staff)
        .service(partners::create_partner)
        .service(partners::list_partners)
        .service(partners::rotate_partner_secret)
        .service(partners::revoke_partner)
        .service(agents::add_business_agent);
}
