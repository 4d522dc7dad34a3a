//! The words staff find cases by (`ccms_domain::search`): one row per case, the words of its
//! subject, description, messages and notes. Each backend matches whole stored words only
//! (PostgreSQL through a GIN index of them as a tsvector, SQLite through FTS5), so both find
//! the same cases for the same query.

use ccms_domain::search::{SearchQuery, Words};
use diesel::dsl::{AsExprOf, exists, not, sql};
use diesel::expression::{SqlLiteral, UncheckedBind};
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use uuid::Uuid;

use super::events::timeline;
use crate::StoreError;
use crate::db::types::DbId;
use crate::db::{Batch, DbConnection};
use crate::schema::{complaint_search, complaints};

/// The case's first words, written with its filing.
pub fn index_batched(batch: &mut Batch<'_>, complaint_id: Uuid, words: &Words) {
    batch.push(diesel::insert_into(complaint_search::table).values((
        complaint_search::complaint_id.eq(DbId(complaint_id)),
        complaint_search::words.eq(words.joined()),
    )));
}

/// Adds the words of a message or note to the case's (merged: no word twice, at most the
/// number a case keeps).
pub fn extend(
    conn: &mut DbConnection,
    complaint_id: Uuid,
    words: &Words,
) -> Result<(), StoreError> {
    if words.is_empty() {
        return Ok(());
    }
    let stored: Option<String> = complaint_search::table
        .filter(complaint_search::complaint_id.eq(DbId(complaint_id)))
        .select(complaint_search::words)
        .first(conn)
        .optional()?;
    let Some(stored) = stored else {
        return index_stored(conn, complaint_id);
    };
    let mut merged = Words::from_stored(&stored);
    merged.merge(words);
    diesel::update(complaint_search::table)
        .filter(complaint_search::complaint_id.eq(DbId(complaint_id)))
        .set(complaint_search::words.eq(merged.joined()))
        .execute(conn)?;
    Ok(())
}

/// A condition on a case list.
type Condition = SqlLiteral<Bool, UncheckedBind<SqlLiteral<Bool>, AsExprOf<String, Text>>>;

/// A condition on `complaints` true for the cases holding every word of `query`.
pub(super) fn holds(conn: &DbConnection, query: &SearchQuery) -> Condition {
    match conn {
        DbConnection::Pg(_) => {
            // Quoted lexemes are taken as they are: no parsing, no stemming.
            let lexemes: Vec<String> = query
                .words()
                .iter()
                .map(|w| format!("'{}'", w.replace('\\', "\\\\").replace('\'', "''")))
                .collect();
            sql::<Bool>(
                "complaints.id IN (SELECT s.complaint_id FROM complaint_search s \
                 WHERE array_to_tsvector(array_remove(string_to_array(s.words, ' '), '')) @@ CAST(",
            )
            .bind::<Text, _>(lexemes.join(" & "))
            .sql(" AS tsquery))")
        }
        DbConnection::Sqlite(_) => {
            // Each word a quoted string; FTS5 ANDs them.
            let strings: Vec<String> = query
                .words()
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect();
            sql::<Bool>(
                "complaints.id IN (SELECT s.complaint_id FROM complaint_search s \
                 WHERE s.doc IN (SELECT rowid FROM complaint_search_fts \
                 WHERE complaint_search_fts MATCH ",
            )
            .bind::<Text, _>(strings.join(" "))
            .sql("))")
        }
    }
}

/// Cases filed before the search existed (or whose words were lost), oldest first.
pub fn unindexed(conn: &mut DbConnection, limit: i64) -> Result<Vec<Uuid>, StoreError> {
    let indexed = complaint_search::table
        .filter(complaint_search::complaint_id.eq(complaints::id))
        .select(complaint_search::doc);
    let ids: Vec<DbId> = complaints::table
        .filter(not(exists(indexed)))
        .order(complaints::id.asc())
        .select(complaints::id)
        .limit(limit)
        .load(conn)?;
    Ok(ids.into_iter().map(|id| id.0).collect())
}

/// Indexes one case from what is stored of it: subject, description, messages and notes.
pub fn index_stored(conn: &mut DbConnection, complaint_id: Uuid) -> Result<(), StoreError> {
    let (subject, description): (String, String) = complaints::table
        .find(DbId(complaint_id))
        .select((complaints::subject, complaints::description))
        .first(conn)?;
    let mut words = Words::of([subject.as_str(), description.as_str()]);
    for event in timeline(conn, complaint_id, true)? {
        if matches!(event.kind.as_str(), "message" | "note")
            && let Some(text) = event.detail.get("text").and_then(|t| t.as_str())
        {
            words.add(text);
        }
    }
    let mut batch = Batch::on(conn);
    index_batched(&mut batch, complaint_id, &words);
    batch.run(conn)
}
