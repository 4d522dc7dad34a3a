//! How a consumer wants to hear about a case: the language it was filed in and, if given, an
//! e-mail address. Kept apart from the case, which is shown to businesses and staff.

use ccms_domain::delivery::notice::Language;
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::DbId;
use crate::schema::complaint_contacts;

pub fn save(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    language: Language,
    email: Option<&str>,
) -> Result<(), StoreError> {
    let mut batch = crate::db::Batch::on(conn);
    save_batched(&mut batch, complaint_id, language, email);
    batch.run(conn)
}

/// The same, as part of `batch`.
pub fn save_batched(
    batch: &mut crate::db::Batch<'_>,
    complaint_id: Uuid,
    language: Language,
    email: Option<&str>,
) {
    batch.push(diesel::insert_into(complaint_contacts::table).values((
        complaint_contacts::complaint_id.eq(DbId(complaint_id)),
        complaint_contacts::language.eq(language.code()),
        complaint_contacts::email.eq(email.map(str::to_owned)),
    )));
}

/// Stops SMS notices of `cases` (a consumer's STOP); e-mail and answers to their own
/// commands still go.
pub fn stop_sms(conn: &mut DbConnection, cases: &[Uuid]) -> Result<usize, StoreError> {
    let ids: Vec<DbId> = cases.iter().copied().map(DbId).collect();
    Ok(diesel::update(
        complaint_contacts::table.filter(complaint_contacts::complaint_id.eq_any(ids)),
    )
    .set(complaint_contacts::sms_stopped.eq(true))
    .execute(conn)?)
}

/// Stops SMS notices of every case filed with `phone`; how many.
pub fn stop_sms_of_phone(conn: &mut DbConnection, phone: &str) -> Result<usize, StoreError> {
    use crate::schema::complaints;
    let cases = complaints::table
        .filter(complaints::consumer_phone.eq(phone.to_owned()))
        .select(complaints::id);
    Ok(diesel::update(
        complaint_contacts::table.filter(complaint_contacts::complaint_id.eq_any(cases)),
    )
    .set(complaint_contacts::sms_stopped.eq(true))
    .execute(conn)?)
}

/// Whether the consumer stopped SMS notices of the case.
pub fn sms_stopped(conn: &mut DbConnection, complaint_id: Uuid) -> Result<bool, StoreError> {
    let stopped: Option<bool> = complaint_contacts::table
        .find(DbId(complaint_id))
        .select(complaint_contacts::sms_stopped)
        .first(conn)
        .optional()?;
    Ok(stopped.unwrap_or(false))
}

/// The case's language and e-mail address; Bangla and none for a case filed without them.
pub fn find(
    conn: &mut DbConnection,
    complaint_id: Uuid,
) -> Result<(Language, Option<String>), StoreError> {
    let found: Option<(String, Option<String>)> = complaint_contacts::table
        .find(DbId(complaint_id))
        .select((complaint_contacts::language, complaint_contacts::email))
        .first(conn)
        .optional()?;
    Ok(found.map_or((Language::Bn, None), |(language, email)| {
        (Language::from_code(&language), email)
    }))
}

/// Corrects how the consumer hears of every case of theirs: `email` (`Some(None)` removes it)
/// and `language`, each when given, on every case not erased; how many cases.
pub fn correct_all(
    conn: &mut DbConnection,
    consumer_id: Uuid,
    email: Option<Option<String>>,
    language: Option<Language>,
) -> Result<usize, StoreError> {
    use crate::schema::complaints;
    let cases = || {
        complaints::table
            .filter(complaints::consumer_id.eq(DbId(consumer_id)))
            // An erased case keeps no address, and gets none back.
            .filter(complaints::erased_at.is_null())
            .select(complaints::id)
    };
    let of_consumer =
        || complaint_contacts::table.filter(complaint_contacts::complaint_id.eq_any(cases()));
    let mut changed = 0;
    if let Some(email) = email {
        changed = diesel::update(of_consumer())
            .set(complaint_contacts::email.eq(email))
            .execute(conn)?;
    }
    if let Some(language) = language {
        changed = diesel::update(of_consumer())
            .set(complaint_contacts::language.eq(language.code()))
            .execute(conn)?;
    }
    Ok(changed)
}
