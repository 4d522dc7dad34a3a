//! The evidence upload form, read part by part (one file, bounded); the bytes are kept in the
//! object store (`crate::evidence_store`).

use actix_multipart::{Multipart, MultipartError};
use futures_util::StreamExt;

use crate::problem::{ApiError, FieldIssue};

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
