//! `GET /me/data`: everything CCMS holds about the consumer who asks, as one JSON document.

use actix_web::{HttpRequest, HttpResponse, get, web};
use ccms_domain::access::Action as Permission;
use ccms_domain::delivery::notice::Channel;
use ccms_usecases::privacy;

use super::bodies::{
    AccessRecord, AccountRecord, CaseExport, CodeRecord, NoticeRecord, PersonalDataExport,
};
use crate::auth::Caller;
use crate::complaints::access::{case_caller, view};
use crate::complaints::{EventView, EvidenceView};
use crate::context::AppContext;
use crate::problem::ApiError;

/// Download your data
///
/// The signed-in consumer's own data, as one JSON document (Personal Data Protection Ordinance
/// 2025, the right of access): their account, every case as they read it with its timeline and
/// evidence list, the notice language and e-mail of each, every SMS and e-mail that told them of
/// their cases or went to their phone, every one-time code their phone asked for, and every read
/// or write of their cases or account by staff, a business or a partner that the audit log
/// records against them (newest first; at most 5 000 of each list). A case an operator filed for
/// their phone that they never confirmed shows as itself only. Consumers only, 10 an hour; the
/// download is audited.
#[utoipa::path(operation_id = "export_my_data", tag = "privacy", security(("bearer" = [])),
    responses((status = 200, description = "The document", body = PersonalDataExport),
        (status = 404, description = "The token names no account (`not_found`)",
            body = crate::problem::Problem, content_type = "application/problem+json")))]
#[get("/me/data")]
pub async fn export_my_data(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    // Their own account: the object of the action is the caller.
    caller.require_on(
        Permission::ExportOwnData,
        ccms_domain::access::Relation::own(),
    )?;
    let who = case_caller(&caller);
    let me = who.account_id.ok_or(ApiError::NotFound)?;
    let (now, actor) = (ctx.now(), crate::auth::actor_of(&caller, &request));
    crate::auth::throttle::admit(&ctx, vec![("export_per_account", me.to_string())]).await?;
    // Recorded first, in a short write of its own; the gathering is a read.
    ctx.use_case(move |conn, _| Ok(privacy::record_export(conn, (me, &actor), now)?))
        .await?;
    let policies = ctx.policies.clone();
    let export = ctx
        .read(move |conn| {
            let found = privacy::export(conn, me)?;
            let mut cases = Vec::new();
            for record in found.cases {
                let policy = policies.of_case(conn, record.case.routing.policy_version)?;
                let relation = record.case.relation(&who);
                cases.push(CaseExport {
                    case: view(record.case, &who, relation, now, &policy),
                    notify_language: record.language,
                    email: record.email,
                    timeline: record.timeline.into_iter().map(EventView::from).collect(),
                    evidence: record
                        .evidence
                        .into_iter()
                        .map(EvidenceView::from)
                        .collect(),
                });
            }
            Ok(PersonalDataExport {
                generated_at: now,
                account: AccountRecord {
                    id: found.account.id,
                    phone: found.account.phone.map(|p| p.as_str().to_owned()),
                    created_at: found.account.created_at,
                },
                cases,
                notices: found.notices.into_iter().map(notice).collect(),
                codes_asked: found
                    .codes_asked
                    .into_iter()
                    .map(|c| CodeRecord {
                        at: c.at,
                        used: c.used,
                    })
                    .collect(),
                accessed_by: found.accessed.into_iter().map(access).collect(),
            })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"ccms-my-data.json\"",
        ))
        .json(export))
}

fn notice(n: ccms_domain::delivery::notice::Notice) -> NoticeRecord {
    NoticeRecord {
        channel: match n.channel {
            Channel::Sms => "sms".into(),
            Channel::Email => "email".into(),
        },
        to: n.recipient,
        language: n.language,
        subject: n.text.subject,
        body: n.text.body,
        status: format!("{:?}", n.status).to_lowercase(),
        created_at: n.created_at,
    }
}

fn access(r: ccms_domain::audit::AuditRecord) -> AccessRecord {
    AccessRecord {
        at: r.at,
        actor: r.actor,
        role: r.role,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
    }
}
