//! Who is calling: bearer JWTs (HS256 with `CCMS_JWT_SECRET`, or Ed25519 from a key
//! file), verified once per request by [`identify_caller`] with the algorithm pinned.

mod actor;
mod allowance;
mod caller;
pub mod throttle;
mod tokens;

pub use actor::{actor_of, request_id};
pub use allowance::PartnerAllowance;
pub use caller::{Caller, OptionalCaller, identify_caller, verified_partner};
pub use tokens::{Claims, TokenKeys, TokenRefused};
