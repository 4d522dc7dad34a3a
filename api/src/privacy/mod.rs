//! A data subject's rights (Personal Data Protection Ordinance 2025): consent to publish given or
//! withdrawn, e-mail and language corrected, everything held downloaded, personal data erased
//! (unless a legal hold or another bar keeps it).

mod bodies;
mod consent;
mod erasure;
mod export;

pub use bodies::{ConsentBody, ContactBody, HoldBody, PersonalDataExport};

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(export::export_my_data)
        .service(consent::correct_my_contact)
        .service(consent::set_consent)
        .service(erasure::erase_my_data)
        .service(erasure::place_legal_hold)
        .service(erasure::get_legal_hold)
        .service(erasure::lift_legal_hold);
}
