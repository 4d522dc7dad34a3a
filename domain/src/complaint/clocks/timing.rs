//! Clock arithmetic under one policy version: a deadline from a start, the time a paused clock
//! has left, and when its reminder fires. Working-day clocks keep their remaining *working*
//! time across a pause, so a pause over a weekend costs the business nothing and gains it
//! nothing.

use chrono::{DateTime, Duration, Utc};

use super::ClockKind;
use crate::calendar::{Calendar, Length};
use crate::complaint::Category;
use crate::complaint::routing::{ClockSetting, RoutingPolicy};

/// The calendar and the policy version a case's clocks follow: the published holidays, and the
/// policy's weekend and clock lengths.
#[derive(Clone)]
pub struct Timing<'a> {
    calendar: Calendar,
    pub policy: &'a RoutingPolicy,
    /// The case's category, whose own clock lengths (if the policy sets any) come first.
    category: Option<Category>,
}

impl<'a> Timing<'a> {
    pub fn new(holidays: &Calendar, policy: &'a RoutingPolicy) -> Timing<'a> {
        Timing {
            calendar: holidays.with_weekend(&policy.weekend),
            policy,
            category: None,
        }
    }

    /// The same timing for a case of `category`: its own clocks where the policy sets them.
    pub fn of_category(self, category: Category) -> Timing<'a> {
        Timing {
            category: Some(category),
            ..self
        }
    }

    fn setting(&self, kind: ClockKind) -> Option<&ClockSetting> {
        self.category
            .and_then(|category| self.policy.category_clocks.get(&category))
            .and_then(|own| own.get(&kind))
            .or_else(|| self.policy.clocks.get(&kind))
    }

    /// The working days these clocks count.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    fn length(&self, kind: ClockKind) -> Length {
        self.setting(kind)
            .map_or(Length::Hours(0), |setting| setting.length)
    }

    fn counts_working_time(&self, kind: ClockKind) -> bool {
        matches!(self.length(kind), Length::WorkingDays(_))
    }

    pub fn deadline(&self, kind: ClockKind, start: DateTime<Utc>) -> DateTime<Utc> {
        self.calendar.deadline(start, self.length(kind))
    }

    /// What a clock running out at `deadline` has left at `now`.
    pub fn remaining(
        &self,
        kind: ClockKind,
        now: DateTime<Utc>,
        deadline: DateTime<Utc>,
    ) -> Duration {
        if self.counts_working_time(kind) {
            self.calendar.working_time(now, deadline)
        } else {
            (deadline - now).max(Duration::zero())
        }
    }

    /// The deadline of a clock resumed at `now` with `left` to run.
    pub fn resumed(&self, kind: ClockKind, now: DateTime<Utc>, left: Duration) -> DateTime<Utc> {
        if self.counts_working_time(kind) {
            self.calendar.after_working_time(now, left)
        } else {
            now + left
        }
    }

    /// When to warn that `deadline` approaches; none if that moment has already passed.
    pub fn reminder(&self, deadline: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let at = deadline - Duration::hours(i64::from(self.policy.reminder_lead_hours));
        (at > now).then_some(at)
    }

    pub fn source(&self, kind: ClockKind) -> &str {
        self.setting(kind)
            .map_or("", |setting| setting.source.as_str())
    }
}
