//! Runs the audit chain's linker (`ccms_usecases::linking`) on the server's runtime.

use ccms_persistence::Store;
pub use ccms_usecases::linking::{LINK_EVERY, link_waiting};

/// Links waiting entries every `LINK_EVERY` until the server stops.
pub fn spawn(store: Store) {
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(LINK_EVERY);
        loop {
            ticks.tick().await;
            let store = store.clone();
            match actix_web::web::block(move || link_waiting(&store)).await {
                Ok(Ok(_)) => {}
                // Entries stay waiting and are linked on a later turn.
                Ok(Err(error)) => {
                    log::warn!("audit linker: {}", crate::problem::cause_chain(&error))
                }
                Err(error) => log::warn!("audit linker: {error}"),
            }
        }
    });
}
