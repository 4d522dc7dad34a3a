//! Secrets at rest: passwords, one-time codes and client secrets as argon2id PHC strings;
//! refresh tokens (random, 256 bits) as SHA-256, which needs no slow hash. Fresh secrets come
//! from the operating system's generator.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::problem::ApiError;

/// An argon2id PHC string for a low-entropy secret.
pub fn hash_secret(secret: &str) -> Result<String, ApiError> {
    Argon2::default()
        .hash_password(secret.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing failed: {e}")))
}

/// Whether `secret` matches a stored PHC string; a malformed hash never matches.
pub fn verify_secret(secret: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &hash)
            .is_ok()
    })
}

/// A stored hash to compare against when there is no account, so a sign-in for an unknown
/// e-mail takes as long as one for a known e-mail with a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_secret("no account has this password").unwrap_or_default())
}

/// SHA-256 of a high-entropy token, hex-encoded.
pub fn fingerprint(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `bytes` random bytes, base64url without padding.
pub fn random_token(bytes: usize) -> Result<String, ApiError> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(buffer))
}

/// A uniformly random number below `bound`.
pub fn random_below(bound: u32) -> Result<u32, ApiError> {
    // Rejection sampling keeps every value equally likely.
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes)
            .map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
        let value = u32::from_le_bytes(bytes);
        if value < zone {
            return Ok(value % bound);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_secret_verifies_and_a_wrong_one_does_not() {
        let stored = hash_secret("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify_secret("correct horse battery", &stored));
        assert!(!verify_secret("wrong horse battery", &stored));
        assert!(!verify_secret("anything", "not a hash"));
        assert!(!verify_secret("anything", decoy_hash()));
    }

    #[test]
    fn tokens_are_random_and_fingerprints_stable() {
        let a = random_token(32).unwrap();
        assert_ne!(a, random_token(32).unwrap());
        assert_eq!(a.len(), 43);
        assert_eq!(fingerprint("x"), fingerprint("x"));
        assert!(random_below(1_000_000).unwrap() < 1_000_000);
    }
}
