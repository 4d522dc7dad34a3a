#![doc = include_str!("../README.md")]

pub mod acting;
mod actor;
pub mod appealing;
pub mod books;
pub mod cases;
pub mod clock;
pub mod collective;
pub mod deciding;
pub mod dispatch;
mod error;
pub mod evidence;
pub mod feedback;
pub mod filing;
pub mod hearings;
pub mod indexing;
pub mod intake;
pub mod linking;
pub mod merging;
pub mod messaging;
pub mod moves;
pub mod packet;
pub mod privacy;
pub mod publishing;
pub mod redress;
pub mod referring;
pub mod responding;
pub mod reviewing;
pub mod settling;
pub mod stage;
pub mod subscribing;
pub mod sweep;

pub use actor::Actor;
pub use error::{Conflict, UseCaseError, cause_chain};
