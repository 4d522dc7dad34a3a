//! Age buckets: how long a case or referral has been waiting, in the steps staff review by.

use chrono::{DateTime, Utc};

/// `(label, up to this many whole days old)`, youngest first; the last takes the rest.
pub const AGE_BUCKETS: &[(&str, i64)] = &[
    ("0-3 days", 3),
    ("4-7 days", 7),
    ("8-14 days", 14),
    ("15-30 days", 30),
    ("31-90 days", 90),
    ("over 90 days", i64::MAX),
];

/// The bucket of something that began at `since`, at `now`.
pub fn age_bucket(since: DateTime<Utc>, now: DateTime<Utc>) -> &'static str {
    let days = (now - since).num_days().max(0);
    AGE_BUCKETS
        .iter()
        .find(|(_, most)| days <= *most)
        .map_or("over 90 days", |(label, _)| label)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn each_bucket_ends_on_its_last_whole_day() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 6, 0, 0).unwrap();
        let aged = |days: i64, secs: i64| {
            age_bucket(now - Duration::days(days) - Duration::seconds(secs), now)
        };
        assert_eq!(aged(3, 0), "0-3 days");
        assert_eq!(aged(4, 0), "4-7 days");
        assert_eq!(aged(3, 86_399), "0-3 days");
        assert_eq!(aged(90, 0), "31-90 days");
        assert_eq!(aged(91, 0), "over 90 days");
        assert_eq!(age_bucket(now + Duration::hours(1), now), "0-3 days");
    }
}
