//! Statistics for staff: how many cases, where, and how fast.

use serde::Serialize;

/// A count under a key (a state, a category, an agency code, a business id, a month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    pub key: String,
    pub count: i64,
}

/// How often one kind of legal clock ran out, of the times it ran.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockCompliance {
    pub clock: String,
    pub started: i64,
    pub breached: i64,
    /// `1 - breached / started`, 4 decimals.
    pub met_share: Option<f64>,
}

/// How long cases stay in a state before they move on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeInState {
    pub state: String,
    /// Moves out of the state measured.
    pub moves: i64,
    pub average_hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistics {
    /// Cases filed in the period.
    pub total: i64,
    pub by_state: Vec<Count>,
    pub by_category: Vec<Count>,
    /// By escalation agency.
    pub by_agency: Vec<Count>,
    /// The 50 businesses with the most cases.
    pub by_business: Vec<Count>,
    /// `YYYY-MM` in Dhaka time.
    pub by_month: Vec<Count>,
    pub deadline_compliance: Vec<ClockCompliance>,
    pub time_in_state: Vec<TimeInState>,
}

impl ClockCompliance {
    pub fn new(clock: String, started: i64, breached: i64) -> ClockCompliance {
        let met_share = (started > 0).then(|| {
            let met = 1.0 - breached as f64 / started as f64;
            (met * 10_000.0).round() / 10_000.0
        });
        ClockCompliance {
            clock,
            started,
            breached,
            met_share,
        }
    }
}
