//! A data subject's rights (Personal Data Protection Ordinance 2025): consent to publish given or
//! withdrawn, e-mail and language corrected, everything held downloaded.

mod bodies;
mod consent;
mod export;

pub use bodies::{ConsentBody, ContactBody, PersonalDataExport};

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(export::export_my_data)
        .service(consent::correct_my_contact)
        .service(consent::set_consent);
}
