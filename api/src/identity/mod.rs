//! Signing in and out: consumers by one-time code, staff by password, partners by client
//! credentials, refresh-token rotation, and the public keys tokens can be checked with.

mod bodies;
mod consumer;
mod hashing;
mod oauth_error;
mod otp_sign_in;
mod partner;
mod refresh;
pub mod secrets;
pub mod session;
mod sms;
mod staff;
mod whoami;

pub use bodies::AccountView;
pub use hashing::HashGate;
pub use sms::mask;

/// `/api/v1/auth/...` endpoints.
pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(consumer::request_otp)
        .service(otp_sign_in::verify_otp)
        .service(staff::login)
        .service(partner::issue_partner_token)
        .service(refresh::refresh_session)
        .service(refresh::logout_session)
        .service(whoami::get_me);
}

/// `/.well-known/jwks.json`, at the root.
pub fn configure_well_known(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config.service(whoami::get_jwks);
}
