//! Transparency: the open dataset and the business scorecards for everyone, without signing
//! in; statistics for staff.

mod cache;
mod dataset;
pub(crate) use dataset::wants_csv;
mod period;
mod responses;
mod scorecards;
mod statistics;

pub use cache::ScorecardCache;
pub use period::MONTH_PATTERN;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(dataset::list_public_complaints)
        .service(scorecards::list_scorecards)
        .service(scorecards::get_scorecard)
        .service(statistics::get_statistics)
        .service(responses::write_public_response)
        .service(responses::get_public_response)
        .service(responses::moderate_public_response)
        .service(responses::list_pending_responses);
}
