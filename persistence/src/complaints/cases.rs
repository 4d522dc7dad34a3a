use ccms_domain::complaint::{Category, Complaint, State, TrackingNumber};
use ccms_domain::search::SearchQuery;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::row::Row;
use crate::db::types::{DbId, DbTime};
use crate::db::{Batch, DbConnection};
use crate::registry::codes::to_code;
use crate::schema::{businesses, complaint_agencies, complaints};
use crate::{Page, PageRequest, StoreError};

pub use ccms_domain::access::Visibility;

/// What a case list narrows by; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct ComplaintFilter {
    pub state: Option<State>,
    pub category: Option<Category>,
    pub business_id: Option<Uuid>,
    /// Escalation agency or referral.
    pub agency: Option<String>,
    pub filed_from: Option<DateTime<Utc>>,
    pub filed_before: Option<DateTime<Utc>>,
    /// A tracking number or an order reference, exactly.
    pub reference: Option<String>,
    /// Only cases with a clock run out by this time.
    pub overdue_at: Option<DateTime<Utc>>,
    /// Only cases intake flagged as likely re-filings, not merged yet.
    pub possible_duplicate: bool,
    /// Only cases whose words hold every word of this query.
    pub words: Option<SearchQuery>,
    /// Only cases filed with this phone number (`+8801…`).
    pub phone: Option<String>,
}

pub fn insert(conn: &mut DbConnection, complaint: &Complaint) -> Result<Complaint, StoreError> {
    let mut batch = Batch::on(conn);
    let stored = insert_batched(&mut batch, complaint)?;
    batch.run(conn)?;
    Ok(stored)
}

/// The case and its agencies, as part of `batch`; answers the case as it will be stored.
pub fn insert_batched(
    batch: &mut Batch<'_>,
    complaint: &Complaint,
) -> Result<Complaint, StoreError> {
    let row = Row::from_domain(complaint);
    batch.push(diesel::insert_into(complaints::table).values(row.clone()));
    let agencies = std::iter::once((complaint.routing.escalation_agency.clone(), "escalation"))
        .chain(
            complaint
                .routing
                .referrals
                .iter()
                .filter(|r| **r != complaint.routing.escalation_agency)
                .map(|r| (r.clone(), "referral")),
        );
    for (code, relation) in agencies {
        // A referral opened in the same batch lists the agency too: whichever runs second
        // adds nothing.
        let listed = diesel::insert_into(complaint_agencies::table).values((
            complaint_agencies::complaint_id.eq(DbId(complaint.id)),
            complaint_agencies::agency_code.eq(code),
            complaint_agencies::relation.eq(relation),
        ));
        batch.push(listed.on_conflict_do_nothing());
    }
    row.into_domain()
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Complaint, StoreError> {
    let row: Row = complaints::table.find(DbId(id)).first(conn)?;
    row.into_domain()
}

pub fn find_by_tracking(
    conn: &mut DbConnection,
    number: &TrackingNumber,
) -> Result<Complaint, StoreError> {
    let row: Row = complaints::table
        .filter(complaints::tracking_number.eq(number.as_str()))
        .first(conn)?;
    row.into_domain()
}

const FINISHED: [&str; 3] = ["closed", "withdrawn", "rejected"];

/// An open case of the same consumer against the same business for the same order. Two
/// identical filings at once cannot both pass: the caller holds the consumer's account row
/// (`accounts::lock`), so one consumer's filings take turns.
pub fn find_open_duplicate(
    conn: &mut DbConnection,
    consumer_id: Uuid,
    business_id: Uuid,
    order_reference: &str,
) -> Result<Option<(Uuid, String)>, StoreError> {
    let found: Option<(DbId, String)> = complaints::table
        .filter(complaints::consumer_id.eq(DbId(consumer_id)))
        .filter(complaints::business_id.eq(DbId(business_id)))
        .filter(complaints::order_reference.eq(order_reference))
        .filter(complaints::state.ne_all(FINISHED))
        .filter(reached_business())
        .select((complaints::id, complaints::tracking_number))
        .first(conn)
        .optional()?;
    Ok(found.map(|(id, number)| (id.0, number)))
}

/// The cases `visibility` lets the caller see that match `filter`, a page at a time.
pub fn list(
    conn: &mut DbConnection,
    visibility: &Visibility,
    filter: &ComplaintFilter,
    page: &PageRequest,
) -> Result<Page<Complaint>, StoreError> {
    let limit = page.limit();
    let Some(query) = visible_to(visibility) else {
        return Ok(Page::from_rows(Vec::new(), limit, |c: &Complaint| c.id));
    };
    let mut query = query.order(complaints::id.asc()).limit(limit + 1);
    if let Some(after) = page.after()? {
        query = query.filter(complaints::id.gt(DbId(after)));
    }
    if let Some(state) = &filter.state {
        query = query.filter(complaints::state.eq(to_code(state)));
    }
    if let Some(category) = &filter.category {
        query = query.filter(complaints::category.eq(to_code(category)));
    }
    if let Some(business) = filter.business_id {
        query = query.filter(complaints::business_id.eq(DbId(business)));
    }
    if let Some(agency) = &filter.agency {
        let concerned = complaint_agencies::table
            .filter(complaint_agencies::agency_code.eq(agency.clone()))
            .select(complaint_agencies::complaint_id);
        query = query.filter(complaints::id.eq_any(concerned));
    }
    if let Some(from) = filter.filed_from {
        query = query.filter(complaints::created_at.ge(DbTime::new(from)));
    }
    if let Some(before) = filter.filed_before {
        query = query.filter(complaints::created_at.lt(DbTime::new(before)));
    }
    if let Some(now) = filter.overdue_at {
        query = query.filter(complaints::due_at.le(DbTime::new(now)));
    }
    if filter.possible_duplicate {
        query = query
            .filter(complaints::possible_duplicate_of.is_not_null())
            .filter(complaints::merged_into.is_null());
    }
    if let Some(reference) = &filter.reference {
        let by_number = complaints::tracking_number.eq(reference.to_ascii_uppercase());
        query = query.filter(by_number.or(complaints::order_reference.eq(reference.clone())));
    }
    if let Some(words) = &filter.words {
        query = query.filter(super::search::holds(conn, words));
    }
    if let Some(phone) = &filter.phone {
        query = query.filter(complaints::consumer_phone.eq(phone.clone()));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items = rows
        .into_iter()
        .map(Row::into_domain)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(items, limit, |c| c.id))
}

/// The cases `visibility` lets a caller see, as a query to narrow further; `None`: none.
pub(crate) fn visible_to(
    visibility: &Visibility,
) -> Option<complaints::BoxedQuery<'static, crate::db::MultiBackend>> {
    let query = complaints::table.into_boxed();
    Some(match visibility {
        Visibility::All => query,
        Visibility::Consumer(id) => query.filter(complaints::consumer_id.eq(DbId(*id))),
        // A held case (`submitted`, waiting for its caller's code) is not the business's yet.
        Visibility::Business(id) => query
            .filter(complaints::business_id.eq(DbId(*id)))
            .filter(reached_business()),
        Visibility::Partner {
            client_id,
            business_id,
        } => {
            // Its own marketplace's cases, and those it pushed against its sellers: never a
            // case it pushed outside its marketplace (before pushes were bounded to it).
            match business_id {
                Some(business) => {
                    let sellers = businesses::table
                        .filter(businesses::parent_id.eq(DbId(*business)))
                        .select(businesses::id);
                    let pushed_against_sellers = complaints::pushed_by
                        .eq(client_id.clone())
                        .and(complaints::business_id.eq_any(sellers));
                    query.filter(
                        complaints::business_id
                            .eq(DbId(*business))
                            .and(reached_business())
                            .or(pushed_against_sellers),
                    )
                }
                None => query.filter(complaints::id.is_null()),
            }
        }
        Visibility::EscalatedTo(code) => query
            .filter(complaints::escalated_at.is_not_null())
            .filter(complaints::escalation_agency.eq(code.clone())),
        Visibility::ReferredTo(code) => {
            let referred = complaint_agencies::table
                .filter(complaint_agencies::agency_code.eq(code.clone()))
                .filter(complaint_agencies::relation.eq("referral"))
                .select(complaint_agencies::complaint_id);
            query
                .filter(complaints::id.eq_any(referred))
                .filter(complaints::escalated_at.is_not_null())
        }
        Visibility::FiledBy(operator) => {
            query.filter(complaints::filed_by.eq(Some(DbId(*operator))))
        }
        Visibility::Nothing => return None,
    })
}

/// Cases that reached their business (`Complaint::reached_business`: routed at filing or when
/// their caller confirmed them), as a filter: what the business's lists, its scorecard, surges,
/// filing limits and the open dataset hold.
#[diesel::dsl::auto_type]
pub(crate) fn reached_business() -> _ {
    complaints::routed_at.is_not_null()
}

/// Holds the case's row until the transaction ends, so writes that count what a case already
/// holds (its evidence quota) take turns. SQLite's transactions already do (`IMMEDIATE`).
pub fn lock(conn: &mut DbConnection, id: Uuid) -> Result<(), StoreError> {
    match conn {
        DbConnection::Pg(pg) => {
            diesel::sql_query("SELECT 1 FROM complaints WHERE id = $1 FOR UPDATE")
                .bind::<diesel::sql_types::Uuid, _>(id)
                .execute(pg)?;
        }
        DbConnection::Sqlite(_) => {}
    }
    Ok(())
}

/// Notes that a held case went to its first handler at `at` (its caller confirmed it).
pub fn mark_routed(conn: &mut DbConnection, id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
    diesel::update(complaints::table.find(DbId(id)))
        .set(complaints::routed_at.eq(Some(DbTime::new(at))))
        .execute(conn)?;
    Ok(())
}

/// The partner client that pushed a case, if one did.
pub fn pushed_by(conn: &mut DbConnection, id: Uuid) -> Result<Option<String>, StoreError> {
    Ok(complaints::table
        .find(DbId(id))
        .select(complaints::pushed_by)
        .first::<Option<String>>(conn)?)
}
