//! What the dispatcher (`ccms_usecases::dispatch`) needs from outside the use cases: its
//! settings, an HTTP client for webhooks whose names resolve only through the destination guard
//! (`courier.rs`, `guard.rs`), and the SMS and e-mail gateway (`gateway.rs`, also used at once
//! for one-time codes; e-mail over SMTP in `mail.rs`). Built here, run by `ccms serve` (`spawn`) and `ccms worker`.

use std::sync::Arc;
use std::time::Duration;

use ccms_persistence::Store;
use ccms_usecases::dispatch::DeliveryRules;
pub use ccms_usecases::dispatch::{DispatchReport, Dispatcher};

use crate::clock::Clock;

mod courier;
mod gateway;
pub mod guard;
mod mail;
mod settings;

pub use gateway::Gateway;
pub use settings::{Allowance, DeliveryError, DeliverySettings};

/// How long one webhook or gateway request may take; below the dispatcher's lease.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The deployment's dispatcher: its settings' rules, the guarded webhook client and the gateway.
pub fn dispatcher(
    store: Store,
    settings: &DeliverySettings,
    production: bool,
) -> Result<Dispatcher, DeliveryError> {
    let destinations = settings.destination_rules();
    let rules = DeliveryRules {
        key: settings.webhook_key(production)?,
        destinations,
        disable: settings.disable_rule(),
    };
    let courier = courier::WebhookClient::new(destinations, settings.names.clone())?;
    let gateway = Gateway::from_settings(settings, production)?;
    Ok(Dispatcher::new(
        store,
        rules,
        Arc::new(courier),
        Arc::new(gateway),
    ))
}

/// An HTTP client that never follows redirects and gives up after `REQUEST_TIMEOUT`.
fn client(builder: reqwest::ClientBuilder) -> Result<reqwest::Client, DeliveryError> {
    builder
        .timeout(REQUEST_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("CCMS-Webhooks/1")
        .build()
        .map_err(|e| DeliveryError::HttpClient(e.to_string()))
}

/// Runs a round every `interval` on the server's runtime until the server stops.
pub fn spawn(dispatcher: Dispatcher, clock: Arc<dyn Clock>, interval: Duration) {
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(interval);
        loop {
            ticks.tick().await;
            match dispatcher.run_once(clock.as_ref()).await {
                Ok(report) if report.total() > 0 => log::info!("dispatcher: {report:?}"),
                Ok(_) => {}
                Err(error) => log::error!("dispatcher: {}", ccms_usecases::cause_chain(&error)),
            }
        }
    });
}
