//! Evidence files: what kinds are accepted, decided by the file's own bytes, never by the
//! name or content type a client claims.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Pdf,
    Jpeg,
    Png,
    Webp,
}

impl EvidenceKind {
    /// The kind the bytes' magic number says, if it is one we accept.
    pub fn detect(bytes: &[u8]) -> Option<EvidenceKind> {
        match infer::get(bytes)?.mime_type() {
            "application/pdf" => Some(EvidenceKind::Pdf),
            "image/jpeg" => Some(EvidenceKind::Jpeg),
            "image/png" => Some(EvidenceKind::Png),
            "image/webp" => Some(EvidenceKind::Webp),
            _ => None,
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
            EvidenceKind::Webp => "image/webp",
        }
    }
}

/// Default largest evidence file: 10 MB.
pub const DEFAULT_MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// At most this many files on one case, and at most this many bytes in all, so nobody can fill
/// the evidence store through one case.
pub const MAX_FILES_PER_CASE: usize = 30;
pub const MAX_BYTES_PER_CASE: i64 = 100 * 1024 * 1024;

/// Whether one more file of `size` bytes fits a case that holds `files` files of `bytes` bytes.
pub fn fits(files: usize, bytes: i64, size: i64) -> bool {
    files < MAX_FILES_PER_CASE && bytes.saturating_add(size) <= MAX_BYTES_PER_CASE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_holds_thirty_files_and_a_hundred_megabytes_at_most() {
        assert!(fits(29, 0, 10));
        assert!(!fits(30, 0, 10));
        assert!(fits(1, MAX_BYTES_PER_CASE - 10, 10));
        assert!(!fits(1, MAX_BYTES_PER_CASE - 10, 11));
    }

    #[test]
    fn the_bytes_decide_not_the_name() {
        assert_eq!(
            EvidenceKind::detect(b"%PDF-1.7\n%\xe2\xe3"),
            Some(EvidenceKind::Pdf)
        );
        assert_eq!(
            EvidenceKind::detect(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]),
            Some(EvidenceKind::Png)
        );
        assert_eq!(
            EvidenceKind::detect(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(EvidenceKind::Jpeg)
        );
        assert_eq!(
            EvidenceKind::detect(b"RIFF\x24\0\0\0WEBPVP8 "),
            Some(EvidenceKind::Webp)
        );
        assert_eq!(EvidenceKind::detect(b"MZ\x90\0 an executable"), None);
        assert_eq!(EvidenceKind::detect(b"<html>hello</html>"), None);
        assert_eq!(EvidenceKind::detect(b""), None);
    }
}
