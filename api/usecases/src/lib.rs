#![doc = include_str!("../README.md")]

pub mod acting;
mod actor;
pub mod books;
pub mod cases;
pub mod clock;
pub mod deciding;
mod error;
pub mod filing;
pub mod moves;
pub mod sweep;

pub use actor::Actor;
pub use error::{UseCaseError, cause_chain};
