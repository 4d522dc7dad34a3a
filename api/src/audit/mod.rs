//! The audit log over HTTP, for auditors and coordinators: entries filtered and paged, the
//! chain's head (an anchor for outside parties to keep), and a walk of the whole chain that
//! names the first broken link.

mod bodies;
pub mod linker;
mod log;
mod verify;

pub use bodies::{AuditEntryView, ChainBreak, ChainHead, ChainReport};
pub use verify::ANCHOR_PATTERN;

pub fn configure(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .service(log::list_audit)
        .service(verify::audit_head)
        .service(verify::verify_audit);
}
