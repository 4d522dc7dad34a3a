//! The registries: agencies cases are referred to, and businesses complaints are made against.

mod agency;
mod business;
mod identifiers;

pub use agency::{Agency, AgencyKind, NewAgency};
pub use business::{Business, BusinessKind, BusinessStatus, Contact, NewBusiness, ParentProblem};
pub use identifiers::{AgencyCode, Dbid, TradeLicence, WebDomain};
