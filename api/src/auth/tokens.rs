use ccms_domain::access::Role;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ISSUER: &str = "ccms";
pub const AUDIENCE: &str = "ccms-api";

/// The claims of an access token, as DOMAIN.md names them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    /// The account id (or, for partners, the client id).
    pub sub: String,
    pub role: Role,
    /// The business a `business_agent` or a partner belongs to.
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

/// Why a token was refused (for the log; the caller only ever hears "invalid token").
#[derive(Debug, thiserror::Error)]
pub enum TokenRefused {
    #[error("{0}")]
    Invalid(jsonwebtoken::errors::Error),
    #[error("expired")]
    Expired,
    #[error("issued in the future")]
    NotYetValid,
}

/// Signing and verification keys: HS256 with a shared secret by default, or Ed25519 from a
/// private key file, whose public half is published at `/.well-known/jwks.json`. RSA keys are
/// refused: the `rsa` crate's private-key operations leak timing (RUSTSEC-2023-0071, no fix).
#[derive(Clone)]
pub struct TokenKeys {
    algorithm: Algorithm,
    key_id: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    public: JwkSet,
}

impl TokenKeys {
    pub fn hs256(secret: &str) -> Result<TokenKeys, jsonwebtoken::errors::Error> {
        Ok(TokenKeys {
            algorithm: Algorithm::HS256,
            key_id: "hs256".into(),
            encoding: EncodingKey::from_secret(secret.as_bytes())?,
            decoding: DecodingKey::from_secret(secret.as_bytes())?,
            public: JwkSet { keys: Vec::new() },
        })
    }

    /// Keys from a PEM Ed25519 private key (EdDSA).
    pub fn from_private_pem(
        pem: &[u8],
        key_id: &str,
    ) -> Result<TokenKeys, jsonwebtoken::errors::Error> {
        let algorithm = Algorithm::EdDSA;
        let encoding = EncodingKey::from_ed_pem(pem)?;
        let mut jwk = Jwk::from_encoding_key(&encoding, algorithm)?;
        jwk.common.key_id = Some(key_id.to_owned());
        let decoding = DecodingKey::from_jwk(&jwk)?;
        Ok(TokenKeys {
            algorithm,
            key_id: key_id.to_owned(),
            encoding,
            decoding,
            public: JwkSet { keys: vec![jwk] },
        })
    }

    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The public keys third parties verify tokens with (empty for HS256).
    pub fn jwks(&self) -> &JwkSet {
        &self.public
    }

    pub fn sign(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        let mut header = Header::new(self.algorithm);
        header.kid = Some(self.key_id.clone());
        encode(&header, claims, &self.encoding)
    }

    /// Verifies signature, algorithm (only the configured one), issuer, audience, and expiry
    /// against `now` (the application's clock, so tests can move time).
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, TokenRefused> {
        let mut validation = Validation::new(self.algorithm);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.validate_exp = false;
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .map_err(TokenRefused::Invalid)?
            .claims;
        let leeway = 30;
        if claims.exp + leeway <= now.timestamp() {
            return Err(TokenRefused::Expired);
        }
        if claims.iat - leeway > now.timestamp() {
            return Err(TokenRefused::NotYetValid);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "a-test-secret-of-enough-length-000";

    #[test]
    fn a_signed_token_verifies_and_a_foreign_one_does_not() {
        let keys = TokenKeys::hs256(SECRET).unwrap();
        let claims = Claims::new("u1", Role::Coordinator, Utc::now(), Duration::minutes(15));
        let token = keys.sign(&claims).unwrap();
        assert_eq!(keys.verify(&token, Utc::now()).unwrap(), claims);
        let other = TokenKeys::hs256("another-secret-of-enough-length-111").unwrap();
        assert!(other.verify(&token, Utc::now()).is_err());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let keys = TokenKeys::hs256(SECRET).unwrap();
        let long_ago = Utc::now() - Duration::hours(2);
        let token = keys
            .sign(&Claims::new(
                "u1",
                Role::Consumer,
                long_ago,
                Duration::minutes(15),
            ))
            .unwrap();
        assert!(matches!(
            keys.verify(&token, Utc::now()),
            Err(TokenRefused::Expired)
        ));
    }
}
