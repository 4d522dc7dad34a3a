//! The complaint: its facts, its categories, its lifecycle, who may file it and where it goes.

pub mod admissibility;
mod case;
mod category;
pub mod clocks;
pub mod duplicates;
pub mod evidence;
mod facts;
pub mod filed;
pub mod lifecycle;
pub mod limits;
pub mod offer;
pub mod routing;
mod state;
pub mod timeline;
pub mod transition;
pub mod verdict;

pub use case::{CaseCaller, Complaint, side};
pub use category::{CATEGORIES, Category};
pub use facts::{
    Channel, DESCRIPTION_MIN, Description, Filing, NewComplaint, PaymentMethod, Poisha, Remedy,
    TrackingNumber,
};
pub use lifecycle::{
    Action, CaseFacts, Move, OutcomeChange, Side, WaitingChange, WrongMove, allowed_actions,
    attempt, spends_info_request,
};
pub use state::{Decision, Outcome, State};
