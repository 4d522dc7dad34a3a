//! The complaint endpoints: intake, reading, moves, the timeline and messages.

pub(crate) mod access;
mod bodies;
mod case_call;
mod evidence;
mod evidence_files;
mod intake;
pub mod key;
mod listing;
pub(crate) use listing::dhaka_midnight;
mod merging;
mod messages;
mod moves;
mod reading;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(reading::list_categories)
        .service(intake::file_complaint)
        .service(listing::list_complaints)
        .service(reading::get_complaint)
        .service(reading::list_complaint_events)
        .service(moves::act_on_complaint)
        .service(merging::merge_complaint)
        .service(messages::post_complaint_message)
        .service(evidence::upload_evidence)
        .service(evidence::list_evidence)
        .service(evidence::get_evidence);
}

pub use bodies::{ComplaintView, EventView};
pub use case_call::CaseCall;
pub use evidence::EvidenceView;
