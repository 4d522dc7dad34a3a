//! A complaint as stored, and its conversion to and from the domain type.

use ccms_domain::complaint::routing::RoutingDecision;
use ccms_domain::complaint::{Complaint, Filing, Poisha, TrackingNumber};
use ccms_domain::contact::PhoneNumber;
use ccms_domain::text::Line;
use chrono::NaiveDate;
use diesel::prelude::*;

use crate::StoreError;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::complaints;

#[derive(Clone, Queryable, Insertable)]
#[diesel(table_name = complaints)]
pub(crate) struct Row {
    pub id: DbId,
    pub tracking_number: String,
    pub consumer_id: DbId,
    pub consumer_phone: String,
    pub business_id: DbId,
    pub pushed_by: Option<String>,
    pub channel: String,
    pub category: String,
    pub subject: String,
    pub description: String,
    pub order_reference: Option<String>,
    pub order_date: Option<NaiveDate>,
    pub incident_date: NaiveDate,
    pub amount_paid: i64,
    pub amount_claimed: i64,
    pub payment_method: String,
    pub desired_remedy: String,
    pub contacted_business_on: Option<NaiveDate>,
    pub consent_to_publish: bool,
    pub routing: DbJson,
    pub escalation_agency: String,
    pub state: String,
    pub waiting_on_consumer: bool,
    pub outcome: Option<String>,
    pub closed_at: Option<DbTime>,
    pub escalated_at: Option<DbTime>,
    pub assigned_officer: Option<DbId>,
    pub version: i64,
    pub created_at: DbTime,
    pub updated_at: DbTime,
    pub clocks: DbJson,
    pub due_at: Option<DbTime>,
    pub wake_at: Option<DbTime>,
    pub first_response_at: Option<DbTime>,
    /// The open dataset's random id for the case.
    pub public_id: DbId,
    pub reopened_at: Option<DbTime>,
    pub info_requests: i32,
    pub remedy_failing: bool,
    pub merged_into: Option<DbId>,
    pub possible_duplicate_of: Option<DbId>,
    pub filed_by: Option<DbId>,
    pub routed_at: Option<DbTime>,
    pub erased_at: Option<DbTime>,
}

impl Row {
    pub fn from_domain(c: &Complaint) -> Row {
        let f = &c.filing;
        Row {
            id: DbId(c.id),
            tracking_number: c.tracking_number.as_str().to_owned(),
            consumer_id: DbId(c.consumer_id),
            consumer_phone: c.consumer_phone.as_str().to_owned(),
            business_id: DbId(f.business_id),
            pushed_by: c.pushed_by.clone(),
            channel: to_code(&f.channel),
            category: to_code(&f.category),
            subject: f.subject.as_str().to_owned(),
            description: f.description.as_str().to_owned(),
            order_reference: f.order_reference.as_ref().map(|o| o.as_str().to_owned()),
            order_date: f.order_date,
            incident_date: f.incident_date,
            amount_paid: f.amount_paid.value(),
            amount_claimed: f.amount_claimed.value(),
            payment_method: to_code(&f.payment_method),
            desired_remedy: to_code(&f.desired_remedy),
            contacted_business_on: f.contacted_business_on,
            consent_to_publish: f.consent_to_publish,
            routing: DbJson(serde_json::to_value(&c.routing).unwrap_or_default()),
            escalation_agency: c.routing.escalation_agency.clone(),
            state: to_code(&c.state),
            waiting_on_consumer: c.waiting_on_consumer,
            outcome: c.outcome.as_ref().map(to_code),
            closed_at: c.closed_at.map(DbTime::new),
            escalated_at: c.escalated_at.map(DbTime::new),
            assigned_officer: c.assigned_officer.map(DbId),
            version: c.version,
            created_at: DbTime::new(c.created_at),
            updated_at: DbTime::new(c.updated_at),
            clocks: DbJson(serde_json::to_value(&c.clocks).unwrap_or_default()),
            due_at: c.clocks.next_due().map(DbTime::new),
            wake_at: c.clocks.next_wake().map(DbTime::new),
            first_response_at: c.first_response_at.map(DbTime::new),
            public_id: DbId(uuid::Uuid::new_v4()),
            reopened_at: c.reopened_at.map(DbTime::new),
            info_requests: i32::try_from(c.info_requests).unwrap_or(i32::MAX),
            remedy_failing: c.remedy_failing,
            merged_into: c.merged_into.map(DbId),
            possible_duplicate_of: c.possible_duplicate_of.map(DbId),
            filed_by: c.filed_by.map(DbId),
            routed_at: c.routed_at.map(DbTime::new),
            erased_at: c.erased_at.map(DbTime::new),
        }
    }

    pub fn into_domain(self) -> Result<Complaint, StoreError> {
        let id = self.id.0;
        let corrupt = |_| StoreError::Corrupt(format!("complaint {id}"));
        let clocks = serde_json::from_value(self.clocks.0)
            .map_err(|_| StoreError::Corrupt(format!("clocks of complaint {id}")))?;
        let routing: RoutingDecision = serde_json::from_value(self.routing.0)
            .map_err(|_| StoreError::Corrupt(format!("routing of complaint {id}")))?;
        Ok(Complaint {
            id,
            tracking_number: TrackingNumber::parse(&self.tracking_number)
                .ok_or_else(|| StoreError::Corrupt(format!("tracking number of complaint {id}")))?,
            consumer_id: self.consumer_id.0,
            consumer_phone: PhoneNumber::stored(&self.consumer_phone).map_err(corrupt)?,
            pushed_by: self.pushed_by,
            filed_by: self.filed_by.map(|id| id.0),
            routed_at: self.routed_at.map(|t| t.0),
            filing: Filing {
                business_id: self.business_id.0,
                channel: from_code(&self.channel)?,
                category: from_code(&self.category)?,
                subject: Line::parse(&self.subject).map_err(corrupt)?,
                description: Line::parse(&self.description).map_err(corrupt)?,
                order_reference: self
                    .order_reference
                    .as_deref()
                    .map(Line::parse)
                    .transpose()
                    .map_err(corrupt)?,
                order_date: self.order_date,
                incident_date: self.incident_date,
                amount_paid: Poisha::new(self.amount_paid).map_err(corrupt)?,
                amount_claimed: Poisha::new(self.amount_claimed).map_err(corrupt)?,
                payment_method: from_code(&self.payment_method)?,
                desired_remedy: from_code(&self.desired_remedy)?,
                contacted_business_on: self.contacted_business_on,
                consent_to_publish: self.consent_to_publish,
            },
            routing,
            state: from_code(&self.state)?,
            waiting_on_consumer: self.waiting_on_consumer,
            outcome: self.outcome.as_deref().map(from_code).transpose()?,
            closed_at: self.closed_at.map(|t| t.0),
            escalated_at: self.escalated_at.map(|t| t.0),
            first_response_at: self.first_response_at.map(|t| t.0),
            reopened_at: self.reopened_at.map(|t| t.0),
            info_requests: u32::try_from(self.info_requests)
                .map_err(|_| StoreError::Corrupt(format!("complaint {id}")))?,
            clocks,
            assigned_officer: self.assigned_officer.map(|o| o.0),
            remedy_failing: self.remedy_failing,
            merged_into: self.merged_into.map(|id| id.0),
            possible_duplicate_of: self.possible_duplicate_of.map(|id| id.0),
            erased_at: self.erased_at.map(|t| t.0),
            version: self.version,
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
        })
    }
}
