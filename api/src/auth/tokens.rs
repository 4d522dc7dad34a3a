use ccms_domain::access::Role;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ISSUER: &str = "ccms";
pub const AUDIENCE: &str = "ccms-api";

/// The claims of an access token, as DOMAIN.md names them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    /// The account id.
    pub sub: String,
    pub role: Role,
    /// The business a `business_agent` (or a partner) belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_id: Option<Uuid>,
    /// The agency code an `officer` or `regulator` belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    pub iss: String,
    pub aud: String,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
}

impl Claims {
    /// Fresh claims for `sub` in `role`, valid for `ttl` from `now`.
    pub fn new(sub: impl Into<String>, role: Role, now: DateTime<Utc>, ttl: Duration) -> Claims {
        Claims {
            sub: sub.into(),
            role,
            business_id: None,
            agency: None,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            exp: (now + ttl).timestamp(),
            iat: now.timestamp(),
            jti: Uuid::now_v7().to_string(),
        }
    }
}

/// Signing and verification keys for HS256.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl TokenKeys {
    pub fn hs256(secret: &str) -> Result<TokenKeys, jsonwebtoken::errors::Error> {
        Ok(TokenKeys {
            encoding: EncodingKey::from_secret(secret.as_bytes())?,
            decoding: DecodingKey::from_secret(secret.as_bytes())?,
        })
    }

    pub fn sign(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
    }

    /// Verifies signature, algorithm (HS256 only), issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<Claims, jsonwebtoken::errors::Error> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 30;
        decode::<Claims>(token, &self.decoding, &validation).map(|data| data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_token_verifies_and_a_foreign_one_does_not() {
        let keys = TokenKeys::hs256("a-test-secret-of-enough-length-000").unwrap();
        let claims = Claims::new("u1", Role::Coordinator, Utc::now(), Duration::minutes(15));
        let token = keys.sign(&claims).unwrap();
        assert_eq!(keys.verify(&token).unwrap(), claims);
        let other = TokenKeys::hs256("another-secret-of-enough-length-111").unwrap();
        assert!(other.verify(&token).is_err());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = TokenKeys::hs256("a-test-secret-of-enough-length-000").unwrap();
        let long_ago = Utc::now() - Duration::hours(2);
        let token = keys
            .sign(&Claims::new(
                "u1",
                Role::Consumer,
                long_ago,
                Duration::minutes(15),
            ))
            .unwrap();
        assert!(keys.verify(&token).is_err());
    }
}
