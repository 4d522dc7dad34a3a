//! Standard Webhooks signatures. Each subscription's secret is derived from the server's
//! webhook key and the subscription's salt, so the database never holds it; the receiver
//! verifies `v1,base64(HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}"))` with any
//! Standard Webhooks library.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use uuid::Uuid;

type HmacSha256 = Hmac<Sha256>;

/// The server's key from which every subscription's signing secret is derived.
#[derive(Clone)]
pub struct WebhookKey(Vec<u8>);

impl std::fmt::Debug for WebhookKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookKey(..)")
    }
}

/// A subscription's signing secret (32 bytes when derived here).
pub struct SigningSecret(Vec<u8>);

impl WebhookKey {
    pub fn new(key: &[u8]) -> WebhookKey {
        WebhookKey(key.to_vec())
    }

    pub fn secret_for(&self, subscription_id: Uuid, salt: &str) -> SigningSecret {
        let mut mac = mac(&self.0);
        mac.update(b"ccms-webhook-secret\0");
        mac.update(subscription_id.as_bytes());
        mac.update(salt.as_bytes());
        SigningSecret(mac.finalize().into_bytes().to_vec())
    }
}

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; the error case cannot happen.
    HmacSha256::new_from_slice(key).unwrap_or_else(|_| HmacSha256::new(&Default::default()))
}

impl SigningSecret {
    /// `whsec_` and the secret in base64, as Standard Webhooks libraries take it.
    pub fn encoded(&self) -> String {
        format!("whsec_{}", STANDARD.encode(&self.0))
    }

    /// The `webhook-signature` header value for one request.
    pub fn sign(&self, webhook_id: &str, timestamp: i64, body: &str) -> String {
        let mut mac = mac(&self.0);
        mac.update(format!("{webhook_id}.{timestamp}.").as_bytes());
        mac.update(body.as_bytes());
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_match_the_standard_webhooks_reference_example() {
        // The example of the Standard Webhooks specification.
        let secret = SigningSecret(STANDARD.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap());
        let body = r#"{"test": 2432232314}"#;
        let sig = secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn each_subscription_and_salt_gets_its_own_secret() {
        let key = WebhookKey::new(b"server key");
        let id = Uuid::nil();
        assert_eq!(
            key.secret_for(id, "a").encoded(),
            key.secret_for(id, "a").encoded()
        );
        assert_ne!(
            key.secret_for(id, "a").encoded(),
            key.secret_for(id, "b").encoded()
        );
        assert!(key.secret_for(id, "a").encoded().starts_with("whsec_"));
    }
}
