//! The complaint endpoints: intake, reading, moves, the timeline and messages.

mod access;
mod bodies;
mod intake;
mod messages;
mod moves;
mod reading;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(reading::list_categories)
        .service(intake::file_complaint)
        .service(reading::list_complaints)
        .service(reading::get_complaint)
        .service(reading::list_complaint_events)
        .service(moves::act_on_complaint)
        .service(messages::post_complaint_message);
}
