//! One demo staff account per role, and a demo partner client of the demo marketplace.
//! The passwords are public (README) and only ever used in development.

use ccms_domain::access::Role;
use ccms_domain::contact::Email;
use ccms_domain::identity::{NewStaff, Password};
use ccms_domain::registry::{AgencyCode, Dbid};
use ccms_domain::text::Name;
use ccms_persistence::DbConnection;
use ccms_persistence::PageRequest;
use ccms_persistence::identity::{accounts, partners};
use ccms_persistence::registry::businesses::{self, BusinessFilter};
use chrono::{DateTime, Utc};

use crate::admin::create_staff_account;
use crate::identity::secrets::hash_secret;
use crate::problem::ApiError;

pub const DEMO_PARTNER_ID: &str = "bazaar-bangla-demo";
pub const DEMO_PARTNER_SECRET: &str = "demo-partner-secret-bazaar-bangla";
const DEMO_MARKETPLACE: &str = "DBID-DEMO-0001";

/// A demo account as it is printed at start.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: Role,
    pub email: String,
    pub password: String,
}

/// Role, e-mail, display name, agency (for officers, regulators and intake operators).
const STAFF: &[(Role, &str, &str, Option<&str>)] = &[
    (Role::Admin, "admin@ccms.test", "Demo Admin", None),
    (
        Role::Coordinator,
        "coordinator@ccms.test",
        "Demo Coordinator",
        None,
    ),
    (Role::Auditor, "auditor@ccms.test", "Demo Auditor", None),
    (
        Role::Officer,
        "officer@ccms.test",
        "Demo DNCRP Officer",
        Some("DNCRP"),
    ),
    (
        Role::Regulator,
        "regulator@ccms.test",
        "Demo Bangladesh Bank Regulator",
        Some("BB"),
    ),
    (
        Role::BusinessAgent,
        "agent@ccms.test",
        "Demo Bazaar Bangla Agent",
        None,
    ),
    (
        Role::IntakeOperator,
        "operator@ccms.test",
        "Demo Hotline Operator",
        Some("DNCRP"),
    ),
];

fn invalid(what: &str) -> ApiError {
    ApiError::Internal(format!("demo data: {what}"))
}

pub fn insert_if_no_staff(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> Result<Vec<DemoAccount>, ApiError> {
    if accounts::count_staff(conn)? > 0 {
        return Ok(Vec::new());
    }
    let marketplace_filter = BusinessFilter {
        dbid: Dbid::parse(DEMO_MARKETPLACE).ok(),
        ..BusinessFilter::default()
    };
    let marketplace = businesses::list(conn, &marketplace_filter, &PageRequest::default())?
        .items
        .into_iter()
        .next();
    let mut created = Vec::new();
    for (role, email, name, agency) in STAFF {
        let business_id = match role {
            Role::BusinessAgent => match &marketplace {
                Some(business) => Some(business.id),
                None => continue,
            },
            Role::Consumer
            | Role::Partner
            | Role::Officer
            | Role::Regulator
            | Role::Coordinator
            | Role::Auditor
            | Role::Admin
            | Role::IntakeOperator => None,
        };
        let password = format!("ccms-demo-{}", role.code());
        let staff = NewStaff {
            role: *role,
            email: Email::parse(email).map_err(|_| invalid(email))?,
            display_name: Name::parse(name).map_err(|_| invalid(name))?,
            business_id,
            agency: agency
                .map(AgencyCode::parse)
                .transpose()
                .map_err(|_| invalid("agency"))?,
            office: None,
            business_admin: *role == Role::BusinessAgent,
        };
        let parsed = Password::parse(&password).map_err(|_| invalid("password"))?;
        create_staff_account(conn, &staff, &hash_secret(parsed.expose())?, now)?;
        created.push(DemoAccount {
            role: *role,
            email: (*email).to_owned(),
            password,
        });
    }
    if let Some(business) = marketplace {
        partners::create(
            conn,
            DEMO_PARTNER_ID,
            &hash_secret(DEMO_PARTNER_SECRET)?,
            "Bazaar Bangla (demo)",
            business.id,
            now,
        )?;
    }
    Ok(created)
}
