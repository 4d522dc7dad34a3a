//! The worker's side of the store: the bytes of erased evidence removed, and objects without a
//! record (an upload whose record failed and whose removal failed too, a crash between the two)
//! collected once they are older than an upload could take.

use actix_web::web;
use ccms_persistence::Store;
use ccms_persistence::complaints::evidence;
use ccms_usecases::privacy::erasing::Erased;
use chrono::{DateTime, Duration, Utc};
use futures_util::StreamExt;
use object_store::{ObjectMeta, ObjectStoreExt};
use uuid::Uuid;

use super::EvidenceStore;

/// How old an object without a record must be before it is collected: an upload stores its
/// bytes a moment before its record commits.
pub const GRACE: Duration = Duration::hours(1);
/// Objects looked up per database read.
const PAGE: usize = 500;

/// Removes the bytes of what an erasure erased; what it could not remove stays for
/// [`collect_orphans`]. Answers how many went.
pub async fn remove_erased(store: &EvidenceStore, erased: &[Erased]) -> usize {
    let mut removed = 0;
    for case in erased {
        for file in &case.evidence {
            match store.remove(case.complaint_id, *file).await {
                Ok(()) => removed += 1,
                Err(error) => log::warn!("erased evidence {file} left for the collector: {error}"),
            }
        }
    }
    removed
}

/// The ids an object's location names (`<complaint>/<evidence>`), if it is one of ours.
fn ids_of(meta: &ObjectMeta) -> Option<(Uuid, Uuid)> {
    let mut parts = meta.location.parts();
    let complaint = parts.next()?.as_ref().parse().ok()?;
    let evidence = parts.next()?.as_ref().parse().ok()?;
    parts.next().is_none().then_some((complaint, evidence))
}

/// Removes every object whose record is erased, or which has no record and was stored before
/// `now - GRACE` (`now` from the wall clock, as the store's times are); answers how many went.
/// Objects under keys CCMS does not make are left alone. Reads the store page by page, in
/// bounded memory.
pub async fn collect_orphans(
    store: &EvidenceStore,
    db: &Store,
    now: DateTime<Utc>,
) -> Result<usize, crate::problem::ApiError> {
    let mut listing = store.objects().list(None).chunks(PAGE);
    let mut removed = 0;
    while let Some(page) = listing.next().await {
        let metas: Vec<ObjectMeta> = page
            .into_iter()
            .collect::<Result<_, _>>()
            .map_err(|e| crate::problem::ApiError::Internal(format!("listing evidence: {e}")))?;
        let ids: Vec<Uuid> = metas.iter().filter_map(ids_of).map(|(_, e)| e).collect();
        let db = db.clone();
        let standing = web::block(move || db.read(|conn| evidence::standing(conn, &ids)))
            .await
            .map_err(|e| crate::problem::ApiError::Internal(e.to_string()))??;
        for meta in metas {
            let stray = meta.last_modified < now - GRACE;
            // A key that is not `<case>/<evidence>` is not ours: never touched.
            let erased_or_stray = match ids_of(&meta) {
                Some((case, id)) => match standing.get(&id) {
                    Some((owner, erased)) if *owner == case => *erased,
                    _ => stray,
                },
                None => false,
            };
            if erased_or_stray {
                match store.objects().delete(&meta.location).await {
                    Ok(()) => removed += 1,
                    Err(error) => log::warn!("collecting {}: {error}", meta.location),
                }
            }
        }
    }
    Ok(removed)
}
