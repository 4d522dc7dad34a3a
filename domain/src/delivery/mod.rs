//! Delivering events to the outside: which events exist and who may hear them, where a
//! webhook may be sent, when a failed delivery is tried again, and what consumers are told.

pub mod business_notice;
pub mod destination;
pub mod events;
pub mod notice;
mod notice_text;
pub(crate) use notice_text::bangla_digits;
mod redress_text;
pub mod retry;
pub mod subscription;

pub use destination::{Destination, DestinationRules};
pub use events::{Audience, EVENT_TYPES, EventType};
pub use retry::{Attempted, RetrySchedule};
pub use subscription::{
    Attempt, Delivery, DeliveryStatus, DisableRule, Owner, Subscription, SubscriptionStatus,
};
