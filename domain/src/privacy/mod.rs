//! Personal data over a case's whole life (Personal Data Protection Ordinance 2025): how long a
//! closed case keeps it (`retention`), what keeps a case from erasure (`holds`), and what an
//! erased case keeps of its texts (`erasure`).

pub mod erasure;
pub mod holds;
pub mod retention;

pub use erasure::{ERASED, erase_fields, erased_narrative};
pub use holds::{Bar, HoldFacts};
pub use retention::Retention;
