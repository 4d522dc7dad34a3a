//! Webhook subscriptions over HTTP: register one (the signing secret is shown once), list,
//! read, enable again after it was disabled, delete; read its delivery log and replay any
//! delivery. Only the owner (the business, or the regulator's agency) sees a subscription;
//! anyone else gets 404.

mod bodies;
pub mod contract;
mod deliveries;
mod subscribing;
mod subscriptions;

/// Where this deployment's webhooks may go and the key their secrets are derived from: checked
/// when a subscription is registered, shown once as its secret.
pub struct WebhookOutlet {
    pub destinations: ccms_domain::delivery::DestinationRules,
    pub names: crate::dispatch::guard::Names,
    pub key: ccms_usecases::dispatch::WebhookKey,
}

pub use bodies::{DeliveryView, NewSubscriptionBody, SubscriptionCreated, SubscriptionView};

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(subscribing::create_subscription)
        .service(subscriptions::list_subscriptions)
        .service(subscriptions::get_subscription)
        .service(subscriptions::enable_subscription)
        .service(subscriptions::delete_subscription)
        .service(deliveries::list_deliveries)
        .service(deliveries::replay_delivery);
}
