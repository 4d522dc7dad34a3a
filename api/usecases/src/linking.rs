//! The audit chain's linker: writes append their audit entries unlinked, and this links them a
//! few times a second, so no write waits on the chain's head. Several processes may run one
//! each; the head's lock lets one link at a time and the others skip their turn.

use std::time::Duration;

use ccms_persistence::audit::{self, Linking};
use ccms_persistence::{Store, StoreError};

/// How often a server links what was written since the last time.
pub const LINK_EVERY: Duration = Duration::from_millis(250);

/// Links what is waiting, if anything is; returns how many entries it linked. Blocking.
pub fn link_waiting(store: &Store) -> Result<usize, StoreError> {
    if !store.read(audit::has_pending)? {
        return Ok(0);
    }
    store.transaction(|conn| audit::link_pending(conn, Linking::SkipIfBusy))
}
