//! Evidence: files attached to a case, typed by their own bytes, fingerprinted with SHA-256,
//! stored under the evidence directory and handed out only to those who may see the case.

use std::path::PathBuf;

use actix_multipart::{Multipart, MultipartError};
use actix_web::http::header::{CONTENT_DISPOSITION, LOCATION};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::evidence::{self, EvidenceKind};
use ccms_domain::complaint::timeline::Happening;
use ccms_persistence::complaints::events::{self, Event};
use ccms_persistence::complaints::evidence::{self as stored, Evidence};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::CaseCall;
use super::access::load_visible;
use crate::auth::actor_of;
use crate::complaints::key::{CaseKey, EvidenceKey};
use crate::context::AppContext;
use crate::problem::{ApiError, FieldIssue};

/// Where evidence bytes live, and how large one file may be.
#[derive(Debug, Clone)]
pub struct EvidenceStore {
    pub dir: PathBuf,
    pub max_bytes: usize,
}

impl EvidenceStore {
    fn path(&self, complaint: Uuid, evidence: Uuid) -> PathBuf {
        self.dir
            .join(complaint.to_string())
            .join(evidence.to_string())
    }

    /// Writes to a temporary name first, so a half-written file is never served.
    fn save(&self, complaint: Uuid, evidence: Uuid, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(complaint, evidence);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(partial, path)
    }
}

/// An evidence file as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceView {
    pub id: Uuid,
    pub file_name: String,
    pub kind: EvidenceKind,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub role: String,
    pub uploaded_at: DateTime<Utc>,
}

impl From<Evidence> for EvidenceView {
    fn from(e: Evidence) -> EvidenceView {
        EvidenceView {
            id: e.id,
            file_name: e.file_name,
            kind: e.kind,
            size_bytes: e.size_bytes,
            sha256: e.sha256,
            uploaded_by: e.uploaded_by,
            role: e.role,
            uploaded_at: e.uploaded_at,
        }
    }
}

/// The upload form: one part named `file`.
#[derive(ToSchema)]
#[allow(dead_code)] // documents the multipart form; the handler reads the stream itself
pub struct EvidenceUpload {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

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
async fn read_file(mut form: Multipart, max: usize) -> Result<(String, Vec<u8>), ApiError> {
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

/// Add evidence
///
/// Upload one file (PDF, JPEG, PNG or WebP, 10 MB by default) as the multipart part `file`.
/// The type is read from the file's own bytes; anything else is refused whatever its name.
#[utoipa::path(
    operation_id = "upload_evidence",
    tag = "complaints", params(CaseKey),
    request_body(content = EvidenceUpload, content_type = "multipart/form-data"),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 201, description = "Stored", body = EvidenceView, headers(("Location" = String))))
)]
#[post("/complaints/{key}/evidence")]
pub async fn upload_evidence(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
    evidence: web::Data<crate::complaints::EvidenceStore>,
    request: HttpRequest,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    let _who = on.who.clone();
    // Authorize before reading a byte of the upload.
    let case = {
        let caller = caller.clone();
        ctx.transaction(move |conn| {
            let (case, relation) = load_visible(conn, &on.key, &on.who)?;
            caller.require_on(Permission::MessageCase, relation)?;
            Ok(case)
        })
        .await?
    };
    let (file_name, bytes) = read_file(form, evidence.max_bytes).await?;
    let kind = EvidenceKind::detect(&bytes)
        .ok_or_else(|| ApiError::Validation(vec![FieldIssue::new("file", "evidence_type")]))?;
    let actor = actor_of(&caller, &request);
    let item = Evidence {
        id: Uuid::now_v7(),
        complaint_id: case.id,
        file_name,
        kind,
        size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        sha256: Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        uploaded_by: actor.id.clone(),
        role: actor.role.clone(),
        uploaded_at: ctx.now(),
    };
    let store = evidence.clone();
    let (complaint, id) = (case.id, item.id);
    web::block(move || store.save(complaint, id, &bytes))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(format!("storing evidence: {e}")))?;
    let recorded = item.clone();
    let written = ctx
        .write(
            move |conn| {
                // Counted with the case's row held: parallel uploads take turns, so the quota holds.
                ccms_persistence::complaints::lock(conn, recorded.complaint_id)?;
                let held = stored::of_complaint(conn, recorded.complaint_id)?;
                let held_bytes = held.iter().map(|e| e.size_bytes).sum();
                if !evidence::fits(held.len(), held_bytes, recorded.size_bytes) {
                    return Err(ApiError::Validation(vec![FieldIssue::new(
                        "file",
                        "evidence_quota",
                    )]));
                }
                stored::insert(conn, &recorded)?;
                events::append(
                    conn,
                    Event::of(
                        recorded.complaint_id,
                        recorded.uploaded_at,
                        (&recorded.uploaded_by, &recorded.role),
                        &Happening::Evidence {
                            evidence_id: recorded.id,
                            file_name: recorded.file_name.clone(),
                            sha256: recorded.sha256.clone(),
                        },
                    ),
                )?;
                Ok(())
            },
            move |_| {
                actor.entry(
                    item.uploaded_at,
                    "complaint.evidence",
                    "complaint",
                    complaint,
                )
            },
        )
        .await;
    if let Err(refused) = written {
        // Nothing recorded: the stored bytes must not stay behind as an orphan.
        let (store, path) = (evidence.clone(), (complaint, id));
        let _ = web::block(move || std::fs::remove_file(store.path(path.0, path.1))).await;
        return Err(refused);
    }
    let location = format!("/api/v1/complaints/{complaint}/evidence/{id}");
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, location))
        .json(EvidenceView::from(item)))
}

/// List evidence
///
/// The files attached to a case, with their SHA-256.
#[utoipa::path(
    operation_id = "list_evidence",
    tag = "complaints", params(CaseKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The case's evidence", body = Vec<EvidenceView>))
)]
#[get("/complaints/{key}/evidence")]
pub async fn list_evidence(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
) -> Result<HttpResponse, ApiError> {
    let items = ctx
        .read(move |conn| {
            let (case, _) = load_visible(conn, &on.key, &on.who)?;
            Ok(stored::of_complaint(conn, case.id)?)
        })
        .await?;
    let views: Vec<EvidenceView> = items.into_iter().map(EvidenceView::from).collect();
    Ok(HttpResponse::Ok().json(crate::http::disclosed(&caller, views)?))
}

/// Download evidence
///
/// The file itself, for those who may see the case, except auditors (403): they see evidence as
/// its listing shows it (type, size, SHA-256), never the bytes.
#[utoipa::path(
    operation_id = "get_evidence",
    tag = "complaints",
    params(EvidenceKey),
    security(("bearer" = []), ("partner" = [])),
    responses((status = 200, description = "The file", content(
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "image/webp"))))
)]
#[get("/complaints/{key}/evidence/{evidence_id}")]
pub async fn get_evidence(
    CaseCall { caller, on }: CaseCall,
    ctx: web::Data<AppContext>,
    evidence: web::Data<crate::complaints::EvidenceStore>,
    request: actix_web::HttpRequest,
    path: web::Path<EvidenceKey>,
) -> Result<HttpResponse, ApiError> {
    let evidence_id = path.into_inner().evidence_id;
    let reader = caller.clone();
    let item = ctx
        .read(move |conn| {
            let (case, relation) = load_visible(conn, &on.key, &on.who)?;
            reader.require_on(Permission::DownloadEvidence, relation)?;
            Ok(stored::find(conn, case.id, evidence_id)?)
        })
        .await?;
    let store = evidence.clone();
    let (complaint, id) = (item.complaint_id, item.id);
    let bytes = web::block(move || std::fs::read(store.path(complaint, id)))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(format!("reading evidence {id}: {e}")))?;
    ctx.record_read(
        caller.read_by(&request),
        ("evidence.read", "complaint"),
        vec![complaint.to_string()],
        serde_json::json!({ "evidence_id": id }),
    )
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(item.kind.media_type())
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", item.file_name),
        ))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}
