//! Values for the domain's own tests, built the way intake builds them.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::complaint::clocks::{Clocks, Timing};
use crate::complaint::filed::{Complainant, file};
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

/// A case in `state` against a business that answers first, as intake stores one (a day ago,
/// now at version 3 with no clock running).
pub fn case_in(state: State) -> Complaint {
    let incident = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let filing = Filing {
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
    };
    let complainant = Complainant {
        account_id: Uuid::nil(),
        phone: PhoneNumber::parse("01712345678").unwrap(),
        pushed_by: None,
        filed_by: None,
    };
    let policy: RoutingPolicy = serde_json::from_str(DEFAULT_POLICY_JSON).unwrap();
    let calendar = Calendar::default();
    let timing = Timing::new(&calendar, &policy);
    let number = (Uuid::nil(), TrackingNumber::new(2026, 1));
    let filed = file(
        number,
        complainant,
        (filing, false),
        &timing,
        now() - Duration::days(1),
    )
    .unwrap();
    Complaint {
        state,
        escalated_at: None,
        clocks: Clocks::default(),
        version: 3,
        ..filed.case
    }
}
