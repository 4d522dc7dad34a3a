//! The registry endpoints: agencies and businesses.

mod agencies;
mod agency_body;
mod business_body;
mod businesses;
mod page;

pub use page::{Page, PageQuery};

pub use agency_body::NewAgencyBody;
pub use business_body::NewBusinessBody;

/// Registers the registry endpoints on the `/api/v1` scope.
pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(agencies::list_agencies)
        .service(agencies::get_agency)
        .service(agencies::create_agency)
        .service(agencies::update_agency)
        .service(businesses::list_businesses)
        .service(businesses::get_business)
        .service(businesses::create_business)
        .service(businesses::update_business);
}
