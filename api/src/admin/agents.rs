use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, post, web};
use ccms_domain::access::{Action, Relation};
use ccms_persistence::identity::accounts;
use ccms_persistence::registry::businesses;
use ccms_persistence::{DbConnection, StoreError};
use uuid::Uuid;

use super::bodies::NewAgentBody;
use super::staff::create_staff_account;
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::identity::AccountView;
use crate::problem::ApiError;

/// Add an agent to a business
///
/// Coordinators and admins for any business; a business agent for its own business when it
/// is that business's administrator.
#[utoipa::path(
    operation_id = "add_business_agent",
    tag = "admin",
    params(("id" = Uuid, Path, description = "Business id")),
    request_body = NewAgentBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Agent added", body = AccountView, headers(("Location" = String))))
)]
#[post("/businesses/{id}/agents")]
pub async fn add_business_agent(
    caller: Caller,
    ctx: web::Data<AppContext>,
    hashing: web::Data<crate::identity::HashGate>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<NewAgentBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require_any(Action::AddBusinessAgent)?;
    let business_id = id.into_inner();
    let (staff, password) = body.0.for_business(business_id).parse()?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let caller_account = caller.account_id();
    let place = hashing.admit()?;
    let hashed = hashing.hash(&place, password.expose().to_owned()).await?;
    let account = ctx
        .write(
            move |conn| {
                businesses::find(conn, business_id)?;
                let relation = standing(conn, caller_account, business_id)?;
                caller.require_on(Action::AddBusinessAgent, relation)?;
                create_staff_account(conn, &staff, &hashed, now)
            },
            move |created| actor.entry(now, "business.add_agent", "account", created.id),
        )
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/staff/{}", account.id)))
        .json(AccountView::from(account)))
}

/// How the caller stands to the business. The admin flag is read from the account, not the
/// token, so revoking it takes effect at once.
fn standing(
    conn: &mut DbConnection,
    caller_account: Option<Uuid>,
    business_id: Uuid,
) -> Result<Relation, ApiError> {
    let me = match caller_account.map(|id| accounts::find(conn, id)) {
        Some(Err(StoreError::NotFound)) | None => None,
        Some(found) => Some(found?),
    };
    Ok(match me {
        Some(me) => Relation {
            same_business: me.business_id == Some(business_id),
            business_admin: me.business_admin && !me.disabled,
            ..Relation::NONE
        },
        None => Relation::NONE,
    })
}
