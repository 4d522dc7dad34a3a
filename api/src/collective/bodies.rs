//! The shapes of collective matters on the wire.

use ccms_domain::collective::{JoinRefusal, Matter, MatterStatus, RefundBasis};
use ccms_domain::complaint::{Category, Decision};
use ccms_persistence::collective::matters::MatterEvent;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A matter to open.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MatterBody {
    /// The business the complaints are against.
    pub business_id: Uuid,
    #[validate(length(max = 200))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub title: String,
    /// The officer who hears and decides it: an active DNCRP officer; left out, the one the
    /// assignment rule picks (the office with the fewest open cases, its idlest officer).
    pub officer_id: Option<Uuid>,
    /// Whether the business's new cases join it at filing while it is open (those the surge
    /// rule routes to the directorate).
    #[serde(default)]
    pub auto_join: bool,
}

/// Cases to add: those listed, or every case of the business at the directorate.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AddCasesBody {
    /// At most 1000 case ids.
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_items = 1000)]
    pub complaint_ids: Vec<Uuid>,
    /// `true`: every case of the business escalated or under investigation and in no matter,
    /// narrowed by the filters below.
    #[serde(default)]
    pub all_at_directorate: bool,
    /// With `all_at_directorate`: only cases of this category.
    pub category: Option<Category>,
    /// With `all_at_directorate`: only cases filed on or after this date (Dhaka).
    pub filed_from: Option<NaiveDate>,
    /// With `all_at_directorate`: only cases filed on or before this date (Dhaka).
    pub filed_to: Option<NaiveDate>,
}

/// One decision for every case of the matter.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MatterDecisionBody {
    pub verdict: Decision,
    /// What each complainant is owed back, by their own case; `nothing` unless upheld.
    pub refund: RefundBasis,
    /// Poisha fined on each case (a quarter of it, once collected, goes to that complainant);
    /// only when upheld, at most the policy's maximum.
    #[serde(default)]
    #[validate(range(min = 0))]
    #[schema(minimum = 0)]
    pub fine_per_case_poisha: i64,
    #[validate(length(min = 10, max = 20000))]
    #[schema(min_length = 10, max_length = 20000)]
    pub reasons: String,
}

/// A matter, with how many cases it holds and its timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatterView {
    pub id: Uuid,
    pub business_id: Uuid,
    pub title: String,
    pub agency_code: String,
    pub officer_id: Uuid,
    pub status: MatterStatus,
    pub auto_join: bool,
    pub opened_by: String,
    pub opened_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub cases: i64,
    /// Oldest first: opened, cases added, decided, payouts reconciled (the last 200).
    pub timeline: Vec<MatterEventView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatterEventView {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl MatterView {
    pub fn of(m: Matter, cases: i64, timeline: Vec<MatterEvent>) -> MatterView {
        MatterView {
            id: m.id,
            business_id: m.business_id,
            title: m.title,
            agency_code: m.agency_code,
            officer_id: m.officer_id,
            status: m.status,
            auto_join: m.auto_join,
            opened_by: m.opened_by,
            opened_at: m.opened_at,
            decided_at: m.decided_at,
            version: m.version,
            cases,
            timeline: timeline
                .into_iter()
                .map(|e| MatterEventView {
                    at: e.at,
                    actor: e.actor,
                    kind: e.kind,
                    detail: e.detail,
                })
                .collect(),
        }
    }
}

/// What adding cases did.
#[derive(Debug, Serialize, ToSchema)]
pub struct JoinedView {
    pub added: usize,
    pub refused: Vec<RefusedCase>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefusedCase {
    pub complaint_id: Uuid,
    pub reason: JoinRefusal,
}

/// What the decision wrote.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatterDecidedView {
    pub cases_decided: usize,
    pub compensation_poisha: i64,
    pub fine_poisha: i64,
    /// Cases of the matter no longer decidable with it (withdrawn, merged, decided alone,
    /// reassigned): left as they are.
    pub left_out: Vec<Uuid>,
}

/// What a payout report did: lines applied, lines seen before, lines refused with why.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReconciliationView {
    pub paid: usize,
    pub failed: usize,
    pub unchanged: usize,
    pub refused: Vec<RefusedLine>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefusedLine {
    /// The line of the file (the header is line 1).
    pub line: usize,
    /// `unknown_obligation`, `amount_mismatch`, `already_settled` or `bad_line`.
    pub reason: String,
}

/// What setting a matter's hearing did.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatterHearingView {
    /// Cases the hearing was set on.
    pub scheduled: usize,
    /// Cases that already had a hearing set: theirs stands.
    pub already_scheduled: usize,
    /// Cases no longer under investigation (withdrawn, decided alone): left as they are.
    pub left_out: usize,
}
