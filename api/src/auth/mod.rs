//! Who is calling: bearer JWTs signed with `CCMS_JWT_SECRET` (HS256, algorithm pinned),
//! verified on every request that needs a caller. Sign-in flows that issue them come later.

mod caller;
mod tokens;

pub use caller::{Caller, OptionalCaller};
pub use tokens::{Claims, TokenKeys};
