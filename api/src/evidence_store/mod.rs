//! Where evidence bytes live: an object store (`object_store`), the local filesystem by default
//! (`CCMS_EVIDENCE_DIR`) or any S3-compatible store (`CCMS_EVIDENCE_STORE=s3://bucket`), so
//! every `ccms` process behind a load balancer reads what any of them received. One object per
//! file, at `<complaint id>/<evidence id>`; the database record is the truth, and an object
//! without a live record is collected by the worker (`collect`).

mod collect;
mod open;

use std::sync::Arc;

use actix_web::web::Bytes;
use ccms_persistence::complaints::evidence::Evidence;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use uuid::Uuid;

pub use collect::{GRACE, collect_orphans, remove_erased};
pub use open::{OpenError, StoreSetting};

use crate::problem::ApiError;

/// The evidence object store, and how large one file may be.
#[derive(Clone)]
pub struct EvidenceStore {
    objects: Arc<dyn ObjectStore>,
    pub max_bytes: usize,
}

impl std::fmt::Debug for EvidenceStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EvidenceStore({})", self.objects)
    }
}

fn location(complaint: Uuid, evidence: Uuid) -> Path {
    Path::from(format!("{complaint}/{evidence}"))
}

impl EvidenceStore {
    pub fn new(objects: Arc<dyn ObjectStore>, max_bytes: usize) -> EvidenceStore {
        EvidenceStore { objects, max_bytes }
    }

    /// Keeps an upload's bytes under its record's id. The store writes whole objects: a
    /// half-written file is never read.
    pub async fn save(&self, item: &Evidence, bytes: Vec<u8>) -> Result<(), ApiError> {
        let at = location(item.complaint_id, item.id);
        self.objects
            .put(&at, PutPayload::from(bytes))
            .await
            .map(|_| ())
            .map_err(|e| ApiError::Internal(format!("storing evidence {}: {e}", item.id)))
    }

    /// The bytes of a recorded file.
    pub async fn read(&self, item: &Evidence) -> Result<Bytes, ApiError> {
        let at = location(item.complaint_id, item.id);
        let read = async { self.objects.get(&at).await?.bytes().await };
        read.await
            .map_err(|e| ApiError::Internal(format!("reading evidence {}: {e}", item.id)))
    }

    /// Removes a file's bytes; one already gone is no failure.
    pub async fn remove(&self, complaint: Uuid, evidence: Uuid) -> Result<(), object_store::Error> {
        match self.objects.delete(&location(complaint, evidence)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// Removes the bytes of an upload that was not recorded; a failure leaves them for the
    /// worker's collector.
    pub async fn discard(&self, item: &Evidence) {
        if let Err(error) = self.remove(item.complaint_id, item.id).await {
            log::warn!(
                "evidence {} not recorded, its bytes left for the collector: {error}",
                item.id
            );
        }
    }

    pub(crate) fn objects(&self) -> &Arc<dyn ObjectStore> {
        &self.objects
    }
}
