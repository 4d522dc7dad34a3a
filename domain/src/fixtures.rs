//! Values for the domain's own tests, built the way intake builds them.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use crate::complaint::clocks::Clocks;
use crate::complaint::routing::{DEFAULT_POLICY_JSON, RoutingPolicy};
use crate::complaint::{
    Category, Channel, Complaint, Filing, PaymentMethod, Poisha, Remedy, State, TrackingNumber,
};
use crate::contact::PhoneNumber;
use crate::text::Line;

/// Monday 23 November 2026, 10:00 in Dhaka.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 4, 0, 0).unwrap()
}

/// A case in `state` against a business that answers first, as intake stores one.
pub fn case_in(state: State) -> Complaint {
    let incident = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    Complaint {
        id: Uuid::nil(),
        tracking_number: TrackingNumber::new(2026, 1),
        consumer_id: Uuid::nil(),
        consumer_phone: PhoneNumber::parse("01712345678").unwrap(),
        pushed_by: None,
        filing: Filing {
            business_id: Uuid::nil(),
            channel: Channel::App,
            category: Category::NonDelivery,
            subject: Line::parse("Phone never arrived").unwrap(),
            description: Line::parse("I paid in full on 1 November and nothing came.").unwrap(),
            order_reference: None,
            order_date: None,
            incident_date: incident,
            amount_paid: Poisha::new(1_850_000).unwrap(),
            amount_claimed: Poisha::new(1_850_000).unwrap(),
            payment_method: PaymentMethod::Bkash,
            desired_remedy: Remedy::Refund,
            contacted_business_on: None,
            consent_to_publish: false,
        },
        routing: serde_json::from_str::<RoutingPolicy>(DEFAULT_POLICY_JSON)
            .unwrap()
            .route(Category::NonDelivery)
            .unwrap(),
        state,
        waiting_on_consumer: false,
        outcome: None,
        closed_at: None,
        escalated_at: None,
        first_response_at: None,
        reopened_at: None,
        info_requests: 0,
        clocks: Clocks::default(),
        assigned_officer: None,
        version: 3,
        created_at: now() - Duration::days(1),
        updated_at: now() - Duration::days(1),
    }
}
