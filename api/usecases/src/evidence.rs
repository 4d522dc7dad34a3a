//! Recording evidence uploaded to a case: only by a caller who may write on the case; the file
//! typed by its own bytes and fingerprinted; counted against the case's quota with the case's
//! row held; stored with its timeline entry and its audit entry. The bytes themselves are the
//! HTTP crate's to keep (a directory on disk), under the id `describe` gives the file.

use ccms_domain::Invalid;
use ccms_domain::access::{Action as Permission, permits};
use ccms_domain::complaint::evidence::{EvidenceKind, fits};
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::complaints::events::{self, Event};
use ccms_persistence::complaints::evidence::{self as stored, Evidence};
use ccms_persistence::{DbConnection, audit, complaints};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::cases::load_visible;
use crate::stage::OnCase;
use crate::{Actor, UseCaseError};

/// The id of the case `on` names, if its caller sees it (else `NotFound`) and may write on it
/// (else `Forbidden`): asked before a byte of the upload is read.
pub fn case_to_attach_to(conn: &mut DbConnection, on: &OnCase) -> Result<Uuid, UseCaseError> {
    let (case, relation) = load_visible(conn, &on.key, &on.who)?;
    if !permits(on.who.role, Permission::MessageCase, relation) {
        return Err(UseCaseError::Forbidden);
    }
    crate::stage::refuse_erased(&case)?;
    Ok(case.id)
}

/// The record of a file uploaded to `complaint_id` by `actor` at `now`, under a new id: typed by
/// its own bytes (a type not accepted is invalid at `file`, whatever its name) and fingerprinted
/// with SHA-256.
pub fn describe(
    complaint_id: Uuid,
    (file_name, bytes): (String, &[u8]),
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Evidence, UseCaseError> {
    let kind =
        EvidenceKind::detect(bytes).ok_or_else(|| Invalid::field("file", "evidence_type"))?;
    Ok(Evidence {
        id: Uuid::now_v7(),
        complaint_id,
        file_name,
        kind,
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        uploaded_by: actor.id.clone(),
        role: actor.role.clone(),
        uploaded_at: now,
        erased_at: None,
    })
}

/// A file whose bytes are kept, to record on its case for the one who uploaded it.
pub struct Attachment {
    pub evidence: Evidence,
    pub actor: Actor,
}

/// Records the file on its case, if it fits the case's quota (else invalid at `file`), with its
/// timeline entry and audit entry.
pub fn record(
    conn: &mut DbConnection,
    Attachment { evidence, actor }: Attachment,
) -> Result<(), UseCaseError> {
    let case = evidence.complaint_id;
    // Counted with the case's row held: parallel uploads take turns, so the quota holds.
    complaints::lock(conn, case)?;
    // Erased while the bytes were on their way: the caller removes them.
    crate::stage::refuse_erased(&complaints::find(conn, case)?)?;
    let held = stored::of_complaint(conn, case)?;
    let held_bytes = held.iter().map(|e| e.size_bytes).sum();
    if !fits(held.len(), held_bytes, evidence.size_bytes) {
        return Err(Invalid::field("file", "evidence_quota").into());
    }
    stored::insert(conn, &evidence)?;
    let attached = Happening::Evidence {
        evidence_id: evidence.id,
        file_name: evidence.file_name.clone(),
        sha256: evidence.sha256.clone(),
    };
    let by = (evidence.uploaded_by.as_str(), evidence.role.as_str());
    events::append(conn, Event::of(case, evidence.uploaded_at, by, &attached))?;
    let entry = actor.entry(
        evidence.uploaded_at,
        "complaint.evidence",
        "complaint",
        case,
    );
    audit::record(conn, entry)?;
    Ok(())
}
