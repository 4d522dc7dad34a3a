use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use ccms_domain::access::Action;
use ccms_domain::identity::{Account, NewStaff};
use ccms_persistence::identity::{accounts, refresh_tokens};
use ccms_persistence::registry::{agencies, businesses};
use ccms_persistence::{DbConnection, StoreError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::bodies::{NewStaffBody, StaffChanges};
use crate::auth::Caller;
use crate::auth::actor_of;
use crate::context::AppContext;
use crate::http::JsonBody;
use crate::identity::AccountView;
use crate::problem::{ApiError, FieldIssue};
use crate::registry::{Page, PageQuery};

/// Creates a staff account after checking that its business or agency exists. Shared by the
/// admin endpoint, the agents endpoint, `ccms user add` and the demo seed.
pub fn create_staff_account(
    conn: &mut DbConnection,
    staff: &NewStaff,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<Account, ApiError> {
    if let Some(business) = staff.business_id {
        match businesses::find(conn, business) {
            Err(StoreError::NotFound) => {
                return Err(ApiError::Validation(vec![FieldIssue::new(
                    "business_id",
                    "unknown_business",
                )]));
            }
            other => drop(other?),
        }
    }
    if let Some(agency) = &staff.agency {
        match agencies::find_by_code(conn, agency) {
            Err(StoreError::NotFound) => {
                return Err(ApiError::Validation(vec![FieldIssue::new(
                    "agency",
                    "unknown_agency",
                )]));
            }
            other => drop(other?),
        }
    }
    Ok(accounts::create_staff(
        conn,
        staff,
        password_hash.to_owned(),
        now,
    )?)
}

/// Create a staff account
///
/// Admins only. Officers and regulators name their agency, business agents their business.
#[utoipa::path(
    operation_id = "create_staff",
    tag = "admin",
    request_body = NewStaffBody,
    security(("bearer" = [])),
    responses((status = 201, description = "Created", body = AccountView, headers(("Location" = String))))
)]
#[post("/staff")]
pub async fn create_staff(
    caller: Caller,
    ctx: web::Data<AppContext>,
    hashing: web::Data<crate::identity::HashGate>,
    request: HttpRequest,
    body: JsonBody<NewStaffBody>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManageStaff)?;
    let (staff, password) = body.0.parse()?;
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let place = hashing.admit()?;
    let hashed = hashing.hash(&place, password.expose().to_owned()).await?;
    let account = ctx
        .write(
            move |conn| create_staff_account(conn, &staff, &hashed, now),
            move |created| actor.entry(now, "staff.create", "account", created.id),
        )
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/staff/{}", account.id)))
        .json(AccountView::from(account)))
}

/// List staff accounts
///
/// Admins; auditors too, seeing initials for names and masked contact details.
#[utoipa::path(
    operation_id = "list_staff",
    tag = "admin",
    params(PageQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of staff accounts", body = Page<AccountView>))
)]
#[get("/staff")]
pub async fn list_staff(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: actix_web::HttpRequest,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ViewStaff)?;
    let page = query.request()?;
    let found = ctx
        .read(move |conn| Ok(accounts::list_staff(conn, &page)?))
        .await?;
    let oversight = ccms_domain::access::Disclosure::of(caller.role()).is_oversight();
    let ids: Vec<String> = found.items.iter().map(|a| a.id.to_string()).collect();
    ctx.record_read(
        caller.read_by(&request),
        ("staff.list", "account"),
        ids,
        serde_json::Value::Null,
    )
    .await?;
    Ok(HttpResponse::Ok().json(Page::from(found, |account| {
        let view = AccountView::from(account);
        if oversight {
            view.for_oversight()
        } else {
            view
        }
    })))
}

/// Disable or enable a staff account
///
/// Admins only. Disabling also revokes the account's refresh tokens; its access tokens expire
/// within minutes.
#[utoipa::path(
    operation_id = "update_staff",
    tag = "admin",
    params(("id" = Uuid, Path, description = "Account id")),
    request_body = StaffChanges,
    security(("bearer" = [])),
    responses((status = 200, description = "Changed", body = AccountView))
)]
#[patch("/staff/{id}")]
pub async fn update_staff(
    caller: Caller,
    ctx: web::Data<AppContext>,
    request: HttpRequest,
    id: web::Path<Uuid>,
    body: JsonBody<StaffChanges>,
) -> Result<HttpResponse, ApiError> {
    caller.require(Action::ManageStaff)?;
    let (id, disabled) = (id.into_inner(), body.0.disabled);
    let (actor, now) = (actor_of(&caller, &request), ctx.now());
    let action = if disabled {
        "staff.disable"
    } else {
        "staff.enable"
    };
    let account = ctx
        .write(
            move |conn| {
                let current = accounts::find(conn, id)?;
                if !current.role.is_staff() {
                    return Err(ApiError::NotFound);
                }
                if disabled {
                    refresh_tokens::revoke_account(conn, id)?;
                }
                Ok(accounts::set_disabled(conn, id, disabled, now)?)
            },
            move |changed| actor.entry(now, action, "account", changed.id),
        )
        .await?;
    Ok(HttpResponse::Ok().json(AccountView::from(account)))
}
