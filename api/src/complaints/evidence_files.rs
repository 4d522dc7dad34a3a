//! Evidence bytes: the upload form read part by part (one file, bounded), and the directory
//! the files are kept in, one folder per case.

use std::path::PathBuf;

use actix_multipart::{Multipart, MultipartError};
use actix_web::web;
use ccms_persistence::complaints::evidence::Evidence;
use futures_util::StreamExt;
use uuid::Uuid;

use crate::problem::{ApiError, FieldIssue};

/// Where evidence bytes live, and how large one file may be.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    pub dir: PathBuf,
    pub max_bytes: usize,
}

impl EvidenceStore {
    pub(super) fn path(&self, complaint: Uuid, evidence: Uuid) -> PathBuf {
        self.dir
            .join(complaint.to_string())
            .join(evidence.to_string())
    }

    /// Writes to a temporary name first, so a half-written file is never served.
    fn write(&self, complaint: Uuid, evidence: Uuid, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(complaint, evidence);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(partial, path)
    }

    /// Keeps an upload's bytes under its record's id, off the async executor.
    pub(super) async fn save(&self, item: &Evidence, bytes: Vec<u8>) -> Result<(), ApiError> {
        let (store, complaint, id) = (self.clone(), item.complaint_id, item.id);
        web::block(move || store.write(complaint, id, &bytes))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .map_err(|e| ApiError::Internal(format!("storing evidence: {e}")))
    }

    /// Removes the bytes of an upload that was not recorded; a failure leaves them behind.
    pub(super) async fn discard(&self, item: &Evidence) {
        let (store, complaint, id) = (self.clone(), item.complaint_id, item.id);
        let _ = web::block(move || std::fs::remove_file(store.path(complaint, id))).await;
    }
}

/// A form that is not multipart is the wrong media type (415); any other fault, a malformed body.
fn multipart_error(error: MultipartError) -> ApiError {
    match error {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible => ApiError::UnsupportedMediaType,
        other => ApiError::MalformedBody(other.to_string()),
    }
}

/// A file name safe to show and to put in a header: no paths, no control characters.
fn clean_name(raw: Option<&str>) -> String {
    let base = raw
        .unwrap_or("evidence")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("evidence");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    if cleaned.trim().is_empty() {
        "evidence".into()
    } else {
        cleaned
    }
}

/// Reads the `file` part, refusing anything over `max` bytes.
pub(super) async fn read_file(
    mut form: Multipart,
    max: usize,
) -> Result<(String, Vec<u8>), ApiError> {
    while let Some(part) = form.next().await {
        let mut part = part.map_err(multipart_error)?;
        if part.name() != Some("file") {
            continue;
        }
        let name = clean_name(part.content_disposition().and_then(|d| d.get_filename()));
        let mut bytes = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(multipart_error)?;
            if bytes.len() + chunk.len() > max {
                return Err(ApiError::PayloadTooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((name, bytes));
    }
    Err(ApiError::Validation(vec![FieldIssue::new(
        "file", "required",
    )]))
}
