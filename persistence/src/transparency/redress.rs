//! The remedy, ledger and verdict of many cases at once, for the open dataset and the
//! scorecards: three reads (obligations, accepted offers, verdicts), each joined to the cases
//! in scope, put together by the domain's `RedressFacts`.

use std::collections::HashMap;

use ccms_domain::authority::ledger::{Obligation, ObligationKind};
use ccms_domain::complaint::Remedy;
use ccms_domain::complaint::offer::OfferStatus;
use ccms_domain::transparency::RedressFacts;
use ccms_domain::transparency::response::ResponseStatus;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::MultiBackend;
use crate::db::types::{DbId, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::{complaints, feedback, obligations, offers, public_responses};

/// The cases whose redress is read.
pub enum Cases<'a> {
    /// These (a page of the dataset).
    Ids(&'a [Uuid]),
    /// One business's, filed in `[from, until)`.
    OfBusiness {
        business_id: Uuid,
        from: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    },
}

type LedgerRow = (DbId, String, i64, DbTime, String, Option<DbTime>);

/// Each case's facts at `now`; a case with no remedy, ledger or verdict has none in the map.
pub fn redress_of(
    conn: &mut DbConnection,
    cases: &Cases<'_>,
    now: DateTime<Utc>,
) -> Result<HashMap<Uuid, RedressFacts>, StoreError> {
    // The same cases for each table: joined to complaints, filtered by the scope.
    macro_rules! scoped {
        ($table:ident) => {{
            let mut query = $table::table
                .inner_join(complaints::table.on(complaints::id.eq($table::complaint_id)))
                .into_boxed::<MultiBackend>();
            match cases {
                Cases::Ids(ids) => {
                    query = query.filter(complaints::id.eq_any(ids.iter().map(|id| DbId(*id))));
                }
                Cases::OfBusiness {
                    business_id,
                    from,
                    until,
                } => {
                    query = query
                        .filter(complaints::business_id.eq(DbId(*business_id)))
                        .filter(complaints::merged_into.is_null())
                        .filter(crate::complaints::reached_business());
                    if let Some(from) = from {
                        query = query.filter(complaints::created_at.ge(DbTime::new(*from)));
                    }
                    if let Some(until) = until {
                        query = query.filter(complaints::created_at.lt(DbTime::new(*until)));
                    }
                }
            }
            query
        }};
    }
    let ledger: Vec<LedgerRow> = scoped!(obligations)
        .select((
            obligations::complaint_id,
            obligations::kind,
            obligations::amount_poisha,
            obligations::due_at,
            obligations::status,
            obligations::paid_at,
        ))
        .load(conn)?;
    let accepted: Vec<(DbId, String)> = scoped!(offers)
        .filter(offers::status.eq(to_code(&OfferStatus::Accepted)))
        .select((offers::complaint_id, offers::remedy))
        .load(conn)?;
    let responses: Vec<(DbId, String)> = scoped!(public_responses)
        .filter(public_responses::status.eq(to_code(&ResponseStatus::Published)))
        .select((public_responses::complaint_id, public_responses::text))
        .load(conn)?;
    let verdicts: Vec<(DbId, Option<bool>, i32)> = scoped!(feedback)
        .select((feedback::complaint_id, feedback::resolved, feedback::rating))
        .load(conn)?;

    let mut owed: HashMap<Uuid, Vec<Obligation>> = HashMap::new();
    for (case, kind, amount, due, status, paid) in ledger {
        let kind: ObligationKind = from_code(&kind)?;
        let line = Obligation {
            status: from_code(&status)?,
            paid_at: paid.map(|t| t.0),
            ..Obligation::owed(Uuid::nil(), case.0, (kind, amount), due.0, now)
        };
        owed.entry(case.0).or_default().push(line);
    }
    let mut remedies: HashMap<Uuid, Remedy> = HashMap::new();
    for (case, remedy) in accepted {
        remedies.insert(case.0, from_code(&remedy)?);
    }
    let verdicts: HashMap<Uuid, (Option<bool>, i32)> = verdicts
        .into_iter()
        .map(|(case, resolved, rating)| (case.0, (resolved, rating)))
        .collect();
    let mut cases: Vec<Uuid> = owed.keys().chain(remedies.keys()).copied().collect();
    cases.extend(verdicts.keys());
    let mut responses: HashMap<Uuid, String> = responses
        .into_iter()
        .map(|(case, text)| (case.0, text))
        .collect();
    cases.extend(responses.keys());
    cases.sort_unstable();
    cases.dedup();
    Ok(cases
        .into_iter()
        .map(|case| {
            let lines = owed.get(&case).map(Vec::as_slice).unwrap_or_default();
            let facts = RedressFacts {
                business_response: responses.remove(&case),
                ..RedressFacts::of(
                    remedies.get(&case).copied(),
                    lines,
                    verdicts.get(&case).copied(),
                    now,
                )
            };
            (case, facts)
        })
        .collect())
}
