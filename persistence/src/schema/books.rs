//! The published books: holiday calendars and policy versions.

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Instant};

    holiday_calendars (version) {
        version -> Integer,
        document -> Document,
        published_at -> Instant,
        published_by -> Text,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::{Document, Instant};

    policy_versions (version) {
        version -> Integer,
        document -> Document,
        published_at -> Instant,
        published_by -> Text,
    }
}
