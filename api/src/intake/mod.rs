//! Assisted intake and the consumer's SMS: the status an operator reads out to a caller
//! (`read_out`), confirming a held case with its code (`confirmation`), and the SMS gateway's
//! signed posts of what consumers text CCMS (`inbound`). Filing for a caller is the ordinary
//! `POST /complaints` (`complaints::intake`).

mod bodies;
mod confirmation;
mod inbound;
mod read_out;

pub use bodies::{ConfirmationBody, InboundSmsAnswer, InboundSmsBody, ReadOutBody, ReadOutView};
pub use inbound::{DEVELOPMENT_INBOUND_SECRET, InboundSecret};

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(read_out::read_out_status)
        .service(confirmation::confirm_complaint)
        .service(inbound::receive_sms);
}
