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

impl WebhookKey {
    /// The keyed digest of a held case's confirmation code, as stored: without the server's
    /// key the database alone cannot give back a six-digit code.
    pub fn code_digest(&self, complaint_id: Uuid, code: &str) -> String {
        hex(&self.code_mac(complaint_id, code).finalize().into_bytes())
    }

    /// Whether `code` is the one whose digest is `stored` (compared in constant time).
    pub fn code_matches(&self, complaint_id: Uuid, code: &str, stored: &str) -> bool {
        unhex(stored).is_some_and(|expected| {
            self.code_mac(complaint_id, code)
                .verify_slice(&expected)
                .is_ok()
        })
    }

    fn code_mac(&self, complaint_id: Uuid, code: &str) -> HmacSha256 {
        let mut mac = mac(&self.0);
        mac.update(b"ccms-intake-code\0");
        mac.update(complaint_id.as_bytes());
        mac.update(code.as_bytes());
        mac
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    text.len()
        .is_multiple_of(2)
        .then(|| {
            (0..text.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
                .collect()
        })
        .flatten()
}

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; the error case cannot happen.
    HmacSha256::new_from_slice(key).unwrap_or_else(|_| HmacSha256::new(&Default::default()))
}

impl SigningSecret {
    /// A secret given as `whsec_` and base64 (an SMS gateway's, say); `None` for anything else
    /// or fewer than 32 bytes.
    pub fn from_encoded(encoded: &str) -> Option<SigningSecret> {
        let bytes = STANDARD
            .decode(encoded.trim().strip_prefix("whsec_")?)
            .ok()?;
        (bytes.len() >= 32).then_some(SigningSecret(bytes))
    }

    /// Whether `header` (a `webhook-signature` value: space-separated `v1,<base64>` entries)
    /// holds this secret's signature of the request, compared in constant time.
    pub fn verifies(&self, webhook_id: &str, timestamp: i64, body: &[u8], header: &str) -> bool {
        header.split_whitespace().any(|entry| {
            let Some(Ok(signature)) = entry.strip_prefix("v1,").map(|s| STANDARD.decode(s)) else {
                return false;
            };
            let mut mac = mac(&self.0);
            mac.update(format!("{webhook_id}.{timestamp}.").as_bytes());
            mac.update(body);
            mac.verify_slice(&signature).is_ok()
        })
    }

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
    fn a_code_matches_its_own_digest_only_for_its_own_case() {
        let key = WebhookKey::new(b"server key");
        let (case, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let stored = key.code_digest(case, "482913");
        assert!(key.code_matches(case, "482913", &stored));
        assert!(!key.code_matches(case, "482914", &stored));
        assert!(!key.code_matches(other, "482913", &stored));
        assert!(!WebhookKey::new(b"another key").code_matches(case, "482913", &stored));
        assert!(!key.code_matches(case, "482913", "not hex"));
    }

    #[test]
    fn a_signature_verifies_for_its_own_request_only() {
        let secret =
            SigningSecret::from_encoded(&format!("whsec_{}", STANDARD.encode([7u8; 32]))).unwrap();
        let signed = secret.sign("msg_1", 1_700_000_000, "{}");
        let header = format!("v1,bm90IGl0 {signed}");
        assert!(secret.verifies("msg_1", 1_700_000_000, b"{}", &header));
        assert!(!secret.verifies("msg_1", 1_700_000_001, b"{}", &header));
        assert!(!secret.verifies("msg_2", 1_700_000_000, b"{}", &header));
        assert!(!secret.verifies("msg_1", 1_700_000_000, b"{ }", &header));
        assert!(SigningSecret::from_encoded("whsec_c2hvcnQ=").is_none());
        assert!(SigningSecret::from_encoded("no prefix").is_none());
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
