//! The DNCRP stage over HTTP: hearings, decisions, the compensation ledger, referrals to sector
//! regulators, the referral packet, the consumer's feedback and appeals to the court.

mod appeals;
mod bodies;
pub use bodies::HearingBody;
mod decision;
mod feedback;
mod hearings;
mod ledger;
pub mod packet;
mod referrals;
mod reviews;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(hearings::schedule_hearing)
        .service(hearings::list_hearings)
        .service(hearings::reschedule_hearing)
        .service(hearings::cancel_hearing)
        .service(hearings::record_hearing)
        .service(decision::decide_complaint)
        .service(decision::get_decision)
        .service(ledger::list_obligations)
        .service(ledger::step_obligation)
        .service(referrals::refer_complaint)
        .service(referrals::list_referrals)
        .service(referrals::get_referral)
        .service(referrals::step_referral)
        .service(packet::get_referral_packet)
        .service(feedback::give_feedback)
        .service(feedback::get_feedback)
        .service(appeals::record_appeal)
        .service(appeals::list_appeals)
        .service(reviews::ask_review)
        .service(reviews::get_review)
        .service(reviews::decide_review);
}
