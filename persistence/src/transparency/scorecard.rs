//! A business's scorecard counts, counted by the database over an index on (business, filing
//! time) instead of reading every row: five counts in one pass, and the response times of the
//! cases the business acted on.

use ccms_domain::transparency::{RedressTally, ScorecardCounts};
use chrono::{DateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::complaints;
use crate::transparency::redress::{Cases, redress_of};

pub fn scorecard_counts(
    conn: &mut DbConnection,
    business_id: Uuid,
    (from, until): (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    now: DateTime<Utc>,
) -> Result<ScorecardCounts, StoreError> {
    let cases = || {
        let mut query = complaints::table
            .filter(complaints::business_id.eq(DbId(business_id)))
            // A merged re-filing is counted in its original only; a case its caller never
            // confirmed never reached the business.
            .filter(complaints::merged_into.is_null())
            .filter(crate::complaints::reached_business())
            .into_boxed();
        if let Some(from) = from {
            query = query.filter(complaints::created_at.ge(DbTime::new(from)));
        }
        if let Some(until) = until {
            query = query.filter(complaints::created_at.lt(DbTime::new(until)));
        }
        query
    };
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    // One pass for the five counts (`FILTER` is understood by both backends).
    let (received, resolved, escalations, upheld, reopened): (i64, i64, i64, i64, i64) = cases()
        .select((
            sql::<BigInt>("count(*)"),
            sql::<BigInt>("count(*) FILTER (WHERE outcome = 'resolved_by_business')"),
            sql::<BigInt>("count(*) FILTER (WHERE escalated_at IS NOT NULL)"),
            sql::<BigInt>("count(*) FILTER (WHERE outcome = 'decided_upheld')"),
            sql::<BigInt>("count(*) FILTER (WHERE reopened_at IS NOT NULL)"),
        ))
        .get_result(conn)?;
    // From when the business had the case (a held case only once its caller confirmed it).
    let responses: Vec<(Option<DbTime>, Option<DbTime>)> = cases()
        .filter(complaints::first_response_at.is_not_null())
        .select((complaints::routed_at, complaints::first_response_at))
        .load(conn)?;
    let scope = Cases::OfBusiness {
        business_id,
        from,
        until,
    };
    let mut redress = RedressTally::default();
    for facts in redress_of(conn, &scope, now)?.values() {
        redress.add(facts);
    }
    Ok(ScorecardCounts {
        redress,
        received: count(received),
        resolved_by_business: count(resolved),
        escalations: count(escalations),
        upheld: count(upheld),
        reopened: count(reopened),
        response_minutes: responses
            .into_iter()
            .filter_map(|(routed, first)| Some((first?.0 - routed?.0).num_minutes().max(0)))
            .collect(),
    })
}
