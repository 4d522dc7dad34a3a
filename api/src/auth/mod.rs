//! Who is calling: bearer JWTs (HS256 with `CCMS_JWT_SECRET`, or Ed25519 from a key
//! file), verified once per request by [`identify_caller`] with the algorithm pinned.

mod caller;
mod tokens;

pub use caller::{Caller, OptionalCaller, identify_caller, verified_partner};
pub use tokens::{Claims, TokenKeys, TokenRefused};
