//! A matter's obligations to pay out: the unpaid money owed to its complainants, a page at a
//! time (a payout file is streamed, never held whole), and one obligation by id within it.

use ccms_domain::authority::ledger::Obligation;
use ccms_domain::collective::payout::{PAID_OUT, UNPAID};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::authority::obligations::{Row, into_domain};
use crate::db::DbConnection;
use crate::db::types::DbId;
use crate::registry::codes::to_code;
use crate::schema::{complaints, matter_cases, obligations};

/// What a payout line needs of the case: its tracking number, how the consumer paid, the
/// phone they filed with.
#[derive(Debug, Clone)]
pub struct Payee {
    pub tracking_number: String,
    pub payment_method: String,
    pub phone: String,
    /// Pushed by a partner: the phone is the partner's word, not verified by the consumer.
    pub pushed: bool,
}

/// The matter's unpaid consumer obligations after `after` in id order, at most `limit`, each
/// with its case's payee.
pub fn unpaid(
    conn: &mut DbConnection,
    matter: Uuid,
    after: Option<Uuid>,
    limit: i64,
) -> Result<Vec<(Obligation, Payee)>, StoreError> {
    let members = matter_cases::table
        .filter(matter_cases::matter_id.eq(DbId(matter)))
        .select(matter_cases::complaint_id);
    let mut query = obligations::table
        .filter(obligations::complaint_id.eq_any(members))
        .filter(obligations::kind.eq_any(PAID_OUT.iter().map(to_code).collect::<Vec<_>>()))
        .filter(obligations::status.eq_any(UNPAID.iter().map(to_code).collect::<Vec<_>>()))
        .order(obligations::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(obligations::id.gt(DbId(after)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let owed = rows
        .into_iter()
        .map(into_domain)
        .collect::<Result<Vec<_>, _>>()?;
    let cases: Vec<DbId> = owed.iter().map(|o| DbId(o.complaint_id)).collect();
    let payees: Vec<(DbId, String, String, String, Option<String>)> = complaints::table
        .filter(complaints::id.eq_any(cases))
        .select((
            complaints::id,
            complaints::tracking_number,
            complaints::payment_method,
            complaints::consumer_phone,
            complaints::pushed_by,
        ))
        .load(conn)?;
    let payees: std::collections::HashMap<Uuid, Payee> = payees
        .into_iter()
        .map(|(id, tracking_number, payment_method, phone, pushed_by)| {
            let payee = Payee {
                tracking_number,
                payment_method,
                phone,
                pushed: pushed_by.is_some(),
            };
            (id.0, payee)
        })
        .collect();
    Ok(owed
        .into_iter()
        .filter_map(|o| payees.get(&o.complaint_id).cloned().map(|p| (o, p)))
        .collect())
}

/// The consumer obligation `id` if it is on a case of the matter.
pub fn in_matter(
    conn: &mut DbConnection,
    matter: Uuid,
    id: Uuid,
) -> Result<Option<Obligation>, StoreError> {
    let members = matter_cases::table
        .filter(matter_cases::matter_id.eq(DbId(matter)))
        .select(matter_cases::complaint_id);
    let row: Option<Row> = obligations::table
        .filter(obligations::id.eq(DbId(id)))
        .filter(obligations::complaint_id.eq_any(members))
        .filter(obligations::kind.eq_any(PAID_OUT.iter().map(to_code).collect::<Vec<_>>()))
        .first(conn)
        .optional()?;
    row.map(into_domain).transpose()
}
