//! Evidence: files attached to a case, typed by their own bytes, fingerprinted with SHA-256,
//! stored under the evidence directory and handed out only to those who may see the case.

use actix_multipart::Multipart;
use actix_web::http::header::{CONTENT_DISPOSITION, LOCATION};
use actix_web::{HttpResponse, get, post, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::complaint::evidence::EvidenceKind;
use ccms_persistence::complaints::evidence::{self as stored, Evidence};
use ccms_usecases::evidence::{self as attaching, Attachment};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::CaseCall;
use super::access::load_visible;
use super::evidence_files::read_file;
use crate::complaints::key::{CaseKey, EvidenceKey};
use crate::context::AppContext;
use crate::evidence_store::EvidenceStore;
use crate::problem::ApiError;

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
    /// When its bytes were erased with the case's personal data; it cannot be downloaded
    /// since (`410 erased`).
    pub erased_at: Option<DateTime<Utc>>,
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
            erased_at: e.erased_at,
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
    CaseCall { on, .. }: CaseCall,
    ctx: web::Data<AppContext>,
    evidence: web::Data<EvidenceStore>,
    form: Multipart,
) -> Result<HttpResponse, ApiError> {
    // Authorize before reading a byte of the upload.
    let asked = on.clone();
    let complaint = ctx
        .transaction(move |conn| Ok(attaching::case_to_attach_to(conn, &asked)?))
        .await?;
    let (file_name, bytes) = read_file(form, evidence.max_bytes).await?;
    let item = attaching::describe(complaint, (file_name, &bytes), &on.actor, ctx.now())?;
    evidence.save(&item, bytes).await?;
    let attached = Attachment {
        evidence: item.clone(),
        actor: on.actor,
    };
    let recorded = ctx
        .transaction(move |conn| Ok(attaching::record(conn, attached)?))
        .await;
    if let Err(refused) = recorded {
        // Nothing recorded: the stored bytes must not stay behind as an orphan.
        evidence.discard(&item).await;
        return Err(refused);
    }
    let location = format!("/api/v1/complaints/{complaint}/evidence/{}", item.id);
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
    evidence: web::Data<EvidenceStore>,
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
    if item.erased_at.is_some() {
        return Err(ApiError::StateConflict(crate::problem::ProblemCode::Erased));
    }
    let (complaint, id) = (item.complaint_id, item.id);
    let bytes = evidence.read(&item).await?;
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
