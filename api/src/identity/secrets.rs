//! Secrets at rest: passwords, one-time codes and client secrets as argon2id PHC strings;
//! refresh tokens (random, 256 bits) as SHA-256, which needs no slow hash. Fresh secrets come
//! from the operating system's generator.

use std::cell::RefCell;

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::problem::ApiError;

thread_local! {
    /// Argon2's working memory (19 MiB at the default parameters), kept by the thread that
    /// hashes and reused. Allocating it afresh for every hash let the allocator keep freed
    /// copies around: under a storm of sign-ins memory climbed past a gigabyte.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Argon2 of `secret` and `salt` into `out`, in this thread's reused working memory.
fn argon2_into(
    argon: &Argon2<'_>,
    secret: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let needed = argon.params().block_count();
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < needed {
            memory.resize(needed, Block::new());
        }
        argon.hash_password_into_with_memory(secret, salt, out, &mut memory[..needed])
    })
}

/// An argon2id PHC string for a low-entropy secret, at the default (OWASP) parameters:
/// 19 MiB, 2 passes, 1 lane, a 16-byte random salt, a 32-byte output.
pub fn hash_secret(secret: &str) -> Result<String, ApiError> {
    let failed = |e: &dyn std::fmt::Display| ApiError::Internal(format!("hashing failed: {e}"));
    let params = Params::default();
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| failed(&e))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(&Argon2::default(), secret.as_bytes(), &salt, &mut out).map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| failed(&e))?),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Whether `secret` matches a stored PHC string (at the parameters it names); a malformed
/// hash never matches. The outputs are compared in constant time (`Output`'s equality).
pub fn verify_secret(secret: &str, stored: &str) -> bool {
    let Ok(hash) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(hash.algorithm.as_str()),
        Params::try_from(&hash),
    ) else {
        return false;
    };
    let Ok(version) = hash
        .version
        .map_or(Ok(Version::default()), Version::try_from)
    else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    argon2_into(
        &Argon2::new(algorithm, version, params),
        secret.as_bytes(),
        salt,
        &mut out,
    )
    .is_ok()
        && Output::new(&out).is_ok_and(|computed| computed == *expected)
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

    /// The crate's own hasher and verifier agree with ours, both ways: stored hashes from
    /// before the reused memory keep verifying, and new ones are standard PHC strings.
    #[test]
    fn our_hashes_and_the_crates_verify_each_other() {
        use argon2::{PasswordHasher, PasswordVerifier};
        let ours = hash_secret("correct horse battery").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"correct horse battery", &parsed)
                .is_ok()
        );
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let theirs = Argon2::default()
            .hash_password(b"correct horse battery")
            .unwrap()
            .to_string();
        assert!(verify_secret("correct horse battery", &theirs));
        assert!(!verify_secret("correct horse batterY", &theirs));
        let light = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 1, 1, None).unwrap(),
        )
        .hash_password(b"x")
        .unwrap()
        .to_string();
        assert!(verify_secret("x", &light) && !verify_secret("y", &light));
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
