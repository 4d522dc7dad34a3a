//! Complaint requests and answers as JSON.

use ccms_domain::complaint::clocks::ClockKind;
use ccms_domain::complaint::offer::Offer;
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_domain::complaint::routing::{FirstHandler, Priority, RoutingDecision};
use ccms_domain::complaint::{
    Action, Category, Channel, Complaint, Decision, Outcome, PaymentMethod, Remedy, State,
};
use ccms_domain::delivery::notice::Language as NoticeLanguage;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

/// A complaint to file. Name the business by exactly one of `business_id`, `business_dbid`
/// or `business_domain`. Money is in poisha (100 poisha = 1 taka).
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ComplaintBody {
    pub business_id: Option<Uuid>,
    #[schema(max_length = 64, example = "DBID-DEMO-0001")]
    #[validate(length(max = 64))]
    pub business_dbid: Option<String>,
    /// The shop's web domain or a link to it.
    #[schema(max_length = 253, example = "bazaarbangla.com.bd")]
    #[validate(length(max = 253))]
    pub business_domain: Option<String>,
    /// Partners and intake operators only: the customer's (caller's) mobile number; the case
    /// belongs to that consumer.
    #[schema(
        pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$",
        example = "01712345678"
    )]
    pub consumer_phone: Option<String>,
    /// `web` or `app` for consumers (default `app`); partner pushes are always `partner`; an
    /// intake operator names how the caller reached them: `hotline` (default), `walk_in`,
    /// `email` or `post` (these four are refused to anyone else: `operators_only`).
    pub channel: Option<Channel>,
    pub category: Category,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "Phone never arrived"
    )]
    pub subject: String,
    /// What happened, 20 to 5000 characters, Bangla or English (shorter is refused as
    /// `description_too_short`, an admissibility rule).
    #[schema(
        min_length = 20,
        max_length = 5000,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub description: String,
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "BB-778812"
    )]
    pub order_reference: Option<String>,
    pub order_date: Option<NaiveDate>,
    /// The date of the incident (the cause of action).
    pub incident_date: NaiveDate,
    #[schema(minimum = 0, example = 1850000)]
    #[validate(range(min = 0))]
    pub amount_paid: i64,
    #[schema(minimum = 0, example = 1850000)]
    #[validate(range(min = 0))]
    pub amount_claimed: i64,
    pub payment_method: PaymentMethod,
    pub desired_remedy: Remedy,
    /// When the consumer first contacted the business about it, if they did.
    pub contacted_business_on: Option<NaiveDate>,
    #[serde(default)]
    pub consent_to_publish: bool,
    /// Where to e-mail updates on the case, besides the SMS to the consumer's phone.
    #[schema(max_length = 254, example = "rahim@example.com")]
    pub consumer_email: Option<String>,
    /// The language of SMS and e-mail updates; by default the request's `Accept-Language`.
    pub notify_language: Option<NoticeLanguage>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RoutingView {
    pub policy_version: u32,
    /// The rule that fired.
    pub rule: String,
    pub first_handler: FirstHandler,
    pub escalation_agency: String,
    pub referrals: Vec<String>,
    pub priority: Priority,
}

impl From<RoutingDecision> for RoutingView {
    fn from(r: RoutingDecision) -> RoutingView {
        RoutingView {
            policy_version: r.policy_version,
            rule: r.rule,
            first_handler: r.first_handler,
            escalation_agency: r.escalation_agency,
            referrals: r.referrals,
            priority: r.priority,
        }
    }
}

/// A case, as this caller may see it, with the moves this caller may make now.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintView {
    pub id: Uuid,
    #[schema(example = "CCMS-2026-000123")]
    pub tracking_number: String,
    pub state: State,
    pub outcome: Option<Outcome>,
    /// Someone asked the consumer for information and waits for it.
    pub waiting_on_consumer: bool,
    pub business_id: Uuid,
    /// Masked (`+88017*****678`) for everyone but the consumer and the officials working it.
    pub consumer_phone: String,
    pub channel: Channel,
    pub category: Category,
    pub subject: String,
    pub description: String,
    pub order_reference: Option<String>,
    pub order_date: Option<NaiveDate>,
    pub incident_date: NaiveDate,
    pub amount_paid: i64,
    pub amount_claimed: i64,
    pub payment_method: PaymentMethod,
    pub desired_remedy: Remedy,
    pub contacted_business_on: Option<NaiveDate>,
    pub consent_to_publish: bool,
    pub routing: RoutingView,
    pub assigned_officer: Option<Uuid>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The legal clocks running on the case.
    pub clocks: Vec<ClockView>,
    /// A running clock has run out.
    pub overdue: bool,
    /// Send back in `If-Match` (as the ETag) with an action.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub allowed_actions: Vec<Action>,
    /// The business's latest proposed remedy and what became of it (`proposed`, `replaced`,
    /// `accepted`, `rejected`, `lapsed`). Carried by a single case's read and by an action's
    /// answer; `null` in lists and when none was made.
    pub offer: Option<Offer>,
    /// An agreed or ordered remedy owed to the consumer is overdue or disputed: the consumer
    /// may `reopen`, and the case goes to DNCRP.
    pub remedy_failing: bool,
    /// The original this case was merged into (it closed as `duplicate`).
    pub merged_into: Option<Uuid>,
    /// For coordinators: an earlier case intake found this one likely re-files (the same order
    /// from another phone, or the same consumer and business again without an order reference).
    pub possible_duplicate_of: Option<Uuid>,
    /// When the case's personal data was erased (after its retention, or on the consumer's
    /// request): its phone, e-mail, texts and evidence files are gone.
    pub erased_at: Option<DateTime<Utc>>,
    /// The collective matter the case is heard and decided in, if any (on one case's read).
    pub matter: Option<CaseMatter>,
}

/// The collective matter a case is in, as its parties see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseMatter {
    pub id: Uuid,
    pub title: String,
    pub status: ccms_domain::collective::MatterStatus,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A clock on a case: when it started, when it runs out (none while paused), and why it runs.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClockView {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    pub deadline: Option<DateTime<Utc>>,
    pub paused: bool,
    pub overdue: bool,
    /// The law or policy the clock comes from.
    pub source: String,
}

impl ComplaintView {
    pub fn new(
        c: Complaint,
        allowed_actions: Vec<Action>,
        phone: String,
        now: DateTime<Utc>,
        policy: &RoutingPolicy,
    ) -> ComplaintView {
        let overdue = c.clocks.is_overdue(now);
        let clocks = c
            .clocks
            .0
            .iter()
            .map(|clock| ClockView {
                kind: clock.kind,
                started_at: clock.started_at,
                deadline: clock.deadline,
                paused: clock.deadline.is_none(),
                overdue: clock.deadline.is_some_and(|d| d <= now),
                source: policy
                    .clocks
                    .get(&clock.kind)
                    .map(|setting| setting.source.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let f = c.filing;
        ComplaintView {
            id: c.id,
            tracking_number: c.tracking_number.as_str().to_owned(),
            state: c.state,
            outcome: c.outcome,
            waiting_on_consumer: c.waiting_on_consumer,
            business_id: f.business_id,
            consumer_phone: phone,
            channel: f.channel,
            category: f.category,
            subject: f.subject.as_str().to_owned(),
            description: f.description.as_str().to_owned(),
            order_reference: f.order_reference.map(|o| o.as_str().to_owned()),
            order_date: f.order_date,
            incident_date: f.incident_date,
            amount_paid: f.amount_paid.value(),
            amount_claimed: f.amount_claimed.value(),
            payment_method: f.payment_method,
            desired_remedy: f.desired_remedy,
            contacted_business_on: f.contacted_business_on,
            consent_to_publish: f.consent_to_publish,
            routing: c.routing.into(),
            assigned_officer: c.assigned_officer,
            closed_at: c.closed_at,
            clocks,
            overdue,
            version: c.version,
            created_at: c.created_at,
            updated_at: c.updated_at,
            allowed_actions,
            offer: None,
            remedy_failing: c.remedy_failing,
            merged_into: c.merged_into,
            possible_duplicate_of: c.possible_duplicate_of,
            erased_at: c.erased_at,
            matter: None,
        }
    }

    /// The view with the case's latest proposal.
    pub fn with_offer(self, offer: Option<Offer>) -> ComplaintView {
        ComplaintView { offer, ..self }
    }

    /// The view with the matter the case is in.
    pub fn with_matter(self, matter: Option<ccms_domain::collective::Matter>) -> ComplaintView {
        let matter = matter.map(|m| CaseMatter {
            id: m.id,
            title: m.title,
            status: m.status,
            decided_at: m.decided_at,
        });
        ComplaintView { matter, ..self }
    }
}

/// A move on a case.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ActionBody {
    pub action: Action,
    /// What the actor says with it: the resolution offered, the information asked for, the
    /// reason for a rejection, the decision's reasons.
    #[schema(max_length = 5000)]
    #[validate(length(max = 5000))]
    pub note: Option<String>,
    /// Required for `decide`.
    pub decision: Option<Decision>,
    /// For `assign`: the officer (default: the coordinator assigns none yet).
    pub officer_id: Option<Uuid>,
    /// Required for `propose_resolution` (and only taken with it): the remedy offered.
    pub remedy: Option<RemedyBody>,
}

/// The remedy a business offers, which the ledger tracks once the consumer accepts it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemedyBody {
    pub kind: Remedy,
    /// In poisha (Tk 1,500 is `150000`): required for a `refund`, and more than 0; for goods,
    /// their value if given.
    #[schema(minimum = 0)]
    pub amount_poisha: Option<i64>,
    /// The Dhaka date the remedy is promised by: today at the earliest, at most a year ahead. A
    /// refund is due by this day or the policy's refund clock (10 days), whichever comes first.
    pub promised_by: NaiveDate,
}

/// A message on a case; `internal` notes are for staff only.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct MessageBody {
    #[schema(
        min_length = 1,
        max_length = 5000,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub text: String,
    #[serde(default)]
    pub internal: bool,
}

/// One entry of a case's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// Account id, partner client id, or `system`.
    pub actor: String,
    pub role: String,
    /// `filed`, `routed`, `transition`, `message` or `note`.
    pub kind: String,
    pub action: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub staff_only: bool,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl From<ccms_persistence::complaints::events::Event> for EventView {
    fn from(e: ccms_persistence::complaints::events::Event) -> EventView {
        EventView {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            role: e.role,
            kind: e.kind,
            action: e.action,
            from_state: e.from_state,
            to_state: e.to_state,
            staff_only: e.staff_only,
            detail: e.detail,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Timeline {
    pub items: Vec<EventView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryView {
    pub code: Category,
    pub label_en: String,
    pub label_bn: String,
}
