//! Who may do what: the roles of DOMAIN.md and one policy table of role × action × the
//! caller's relationship to the object. Every check in the API goes through [`permits`].

mod disclosure;
pub mod filing;
mod policy;
mod relation;
mod role;
mod visibility;

pub use disclosure::{Disclosure, FREE_TEXT_KEYS, Reading};
pub use policy::{Action, Scope, may, permits};
pub use relation::Relation;
pub use role::{Affiliation, Role};
pub use visibility::Visibility;
