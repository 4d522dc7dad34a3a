//! Webhooks over HTTP: reqwest, no proxy (a proxy would resolve the destination itself, around
//! the address guard), names resolved by the guard at every connection.

use std::sync::Arc;

use ccms_domain::delivery::DestinationRules;
use ccms_usecases::dispatch::{Courier, WebhookRequest};
use futures_util::future::BoxFuture;

use super::guard::{GuardedResolver, Names};
use super::{DeliveryError, client};

pub struct WebhookClient(reqwest::Client);

impl WebhookClient {
    pub fn new(rules: DestinationRules, names: Names) -> Result<WebhookClient, DeliveryError> {
        let resolver = Arc::new(GuardedResolver(rules, names));
        Ok(WebhookClient(client(
            reqwest::Client::builder().no_proxy().dns_resolver(resolver),
        )?))
    }
}

impl Courier for WebhookClient {
    fn post<'a>(&'a self, request: WebhookRequest<'a>) -> BoxFuture<'a, Result<u16, String>> {
        Box::pin(async move {
            let mut post = self.0.post(request.destination.as_str());
            for (name, value) in request.headers {
                post = post.header(name, value);
            }
            let response = post
                .body(request.body.to_owned())
                .send()
                .await
                .map_err(describe)?;
            Ok(response.status().as_u16())
        })
    }
}

/// A network error in words, without the URL (which may carry a receiver's token).
fn describe(error: reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(&error);
    while let Some(inner) = source {
        cause = inner.to_string();
        source = inner.source();
    }
    if cause.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {cause}")
    }
}
