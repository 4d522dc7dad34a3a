//! Opening a collective matter: a coordinator names the business, the officer who will hear
//! and decide it (an active officer of the escalation agency, or the one the assignment rule
//! picks) and whether the business's new
//! cases join it while it is open.

use ccms_domain::Invalid;
use ccms_domain::authority::assignment::assignee;
use ccms_domain::collective::{Matter, MatterStatus};
use ccms_domain::text::Line;
use ccms_persistence::authority::assignment;
use ccms_persistence::collective::matters;
use ccms_persistence::registry::businesses;
use ccms_persistence::{DbConnection, StoreError, audit};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::acting::check_officer;
use crate::{Actor, UseCaseError};

/// The agency that handles collective matters: the directorate cases escalate to.
pub const MATTER_AGENCY: &str = "DNCRP";

pub struct Opening {
    pub business_id: Uuid,
    pub title: Line<200>,
    /// `None`: the one the assignment rule picks (the office with the fewest open cases, its
    /// idlest officer).
    pub officer_id: Option<Uuid>,
    pub auto_join: bool,
}

/// Opens the matter at `now`; answers it as stored.
pub fn open(
    conn: &mut DbConnection,
    opening: Opening,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Matter, UseCaseError> {
    match businesses::find(conn, opening.business_id) {
        Ok(_) => {}
        Err(StoreError::NotFound) => {
            return Err(Invalid::field("business_id", "unknown_business").into());
        }
        Err(other) => return Err(other.into()),
    }
    let officer_id = match opening.officer_id {
        Some(officer) => {
            check_officer(conn, officer, MATTER_AGENCY)?;
            officer
        }
        None => assignee(&assignment::officer_loads(conn, MATTER_AGENCY)?)
            .ok_or(UseCaseError::NoOfficerAvailable)?,
    };
    let matter = Matter {
        id: Uuid::now_v7(),
        business_id: opening.business_id,
        title: opening.title.as_str().to_owned(),
        agency_code: MATTER_AGENCY.into(),
        officer_id,
        status: MatterStatus::Open,
        auto_join: opening.auto_join,
        opened_by: actor.id.clone(),
        opened_at: now,
        decided_at: None,
        version: 1,
    };
    matters::insert(conn, &matter)?;
    let detail = json!({ "business_id": matter.business_id, "officer_id": matter.officer_id,
        "auto_join": matter.auto_join });
    matters::record(conn, matter.id, (now, &actor.id), "opened", detail.clone())?;
    let mut entry = actor.entry(now, "matter.open", "matter", matter.id);
    entry.detail = detail;
    audit::record(conn, entry)?;
    Ok(matter)
}
