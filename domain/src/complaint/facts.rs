//! The facts a consumer states when filing, parsed so that a complaint cannot hold nonsense.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Category;
use crate::Invalid;
use crate::contact::PhoneNumber;
use crate::text::Line;

/// Money in poisha (100 poisha = 1 taka): never negative, never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Poisha(i64);

impl Poisha {
    pub const ZERO: Poisha = Poisha(0);
    pub const ONE: Poisha = Poisha(1);

    pub fn new(amount: i64) -> Result<Poisha, Invalid> {
        if amount >= 0 {
            Ok(Poisha(amount))
        } else {
            Err(Invalid::field("", "negative_amount"))
        }
    }

    pub fn value(self) -> i64 {
        self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    App,
    Partner,
    /// Taken by an intake operator on the hotline (16121).
    Hotline,
    /// Taken in person at a district office.
    WalkIn,
    /// Received by e-mail and entered by an operator.
    Email,
    /// Received by post and entered by an operator.
    Post,
}

impl Channel {
    /// Channels only an intake operator files on, for a caller.
    pub const ASSISTED: [Channel; 4] = [
        Channel::Hotline,
        Channel::WalkIn,
        Channel::Email,
        Channel::Post,
    ];

    pub fn is_assisted(self) -> bool {
        Channel::ASSISTED.contains(&self)
    }

    /// The channel a caller in `role` files on: the one it names where the role may choose,
    /// else the role's own. `Err` names the field rule a wrong choice breaks.
    pub fn for_filer(
        role: crate::access::Role,
        named: Option<Channel>,
    ) -> Result<Channel, &'static str> {
        use crate::access::Role;
        match (role, named) {
            (Role::Partner, _) => Ok(Channel::Partner),
            (Role::IntakeOperator, Some(named)) if named.is_assisted() => Ok(named),
            (Role::IntakeOperator, Some(_)) => Err("assisted_channel_required"),
            (Role::IntakeOperator, None) => Ok(Channel::Hotline),
            (_, Some(named)) if named.is_assisted() => Err("operators_only"),
            (_, Some(Channel::Partner) | None) => Ok(Channel::App),
            (_, Some(named)) => Ok(named),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cod,
    Bkash,
    Nagad,
    Rocket,
    Card,
    Bank,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    Refund,
    Replacement,
    Delivery,
    Repair,
    Other,
}

/// A description between 20 and 5000 characters, so a case says what happened.
pub type Description = Line<5000>;
pub const DESCRIPTION_MIN: usize = 20;

/// A complaint as filed: who files it, and what they state.
#[derive(Debug, Clone, PartialEq)]
pub struct NewComplaint {
    /// The complainant; a partner files on behalf of its customer by this number.
    pub consumer_phone: PhoneNumber,
    pub filing: Filing,
}

/// The facts a complaint states, as stored with the case.
#[derive(Debug, Clone, PartialEq)]
pub struct Filing {
    pub business_id: Uuid,
    pub channel: Channel,
    pub category: Category,
    pub subject: Line<200>,
    pub description: Description,
    pub order_reference: Option<Line<100>>,
    pub order_date: Option<NaiveDate>,
    pub incident_date: NaiveDate,
    pub amount_paid: Poisha,
    pub amount_claimed: Poisha,
    pub payment_method: PaymentMethod,
    pub desired_remedy: Remedy,
    pub contacted_business_on: Option<NaiveDate>,
    pub consent_to_publish: bool,
}

/// `CCMS-2026-000123`: the number people quote, sequential per year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct TrackingNumber(String);

impl TrackingNumber {
    pub const PATTERN: &'static str = "^CCMS-[0-9]{4}-[0-9]{6,}$";

    pub fn new(year: i32, sequence: i64) -> TrackingNumber {
        TrackingNumber(format!("CCMS-{year:04}-{sequence:06}"))
    }

    pub fn parse(raw: &str) -> Option<TrackingNumber> {
        let upper = raw.trim().to_ascii_uppercase();
        let rest = upper.strip_prefix("CCMS-")?;
        let (year, sequence) = rest.split_once('-')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (year.len() == 4 && digits(year) && sequence.len() >= 6 && digits(sequence))
            .then_some(TrackingNumber(upper))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What every number of `year` begins with.
    pub fn prefix_of(year: i32) -> String {
        format!("CCMS-{year:04}-")
    }

    /// Its place in its year.
    pub fn sequence(&self) -> i64 {
        self.0
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_file_on_assisted_channels_and_nobody_else_does() {
        use crate::access::Role;
        let op = Role::IntakeOperator;
        assert_eq!(Channel::for_filer(op, None), Ok(Channel::Hotline));
        assert_eq!(
            Channel::for_filer(op, Some(Channel::WalkIn)),
            Ok(Channel::WalkIn)
        );
        assert_eq!(
            Channel::for_filer(op, Some(Channel::Web)),
            Err("assisted_channel_required")
        );
        assert_eq!(
            Channel::for_filer(Role::Consumer, Some(Channel::Hotline)),
            Err("operators_only")
        );
        assert_eq!(
            Channel::for_filer(Role::Consumer, Some(Channel::Web)),
            Ok(Channel::Web)
        );
        assert_eq!(
            Channel::for_filer(Role::Partner, Some(Channel::Post)),
            Ok(Channel::Partner)
        );
    }

    #[test]
    fn money_is_never_negative() {
        assert!(Poisha::new(-1).is_err());
        assert_eq!(Poisha::new(150_000).unwrap().value(), 150_000);
    }

    #[test]
    fn tracking_numbers_have_six_digits_and_parse_back() {
        let number = TrackingNumber::new(2026, 123);
        assert_eq!(number.as_str(), "CCMS-2026-000123");
        assert_eq!(TrackingNumber::parse("ccms-2026-000123"), Some(number));
        assert_eq!(
            TrackingNumber::new(2026, 1_234_567).as_str(),
            "CCMS-2026-1234567"
        );
        assert_eq!(TrackingNumber::new(2026, 1_234_567).sequence(), 1_234_567);
        let later = TrackingNumber::new(2026, 7);
        assert!(later.as_str().starts_with(&TrackingNumber::prefix_of(2026)));
        for bad in [
            "CCMS-26-000001",
            "CCMS-2026-12",
            "XX-2026-000001",
            "CCMS-2026-00000a",
        ] {
            assert_eq!(TrackingNumber::parse(bad), None, "{bad}");
        }
    }
}
