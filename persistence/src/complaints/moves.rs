//! Writing moves: how a move changes a stored case, and the statement that writes many moves at
//! once. Each move carries the version it was worked out from; a case changed meanwhile fails
//! the whole write (`StaleVersion`), so nothing is written over a change the mover never saw.

use ccms_domain::complaint::transition::CaseChange;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Jsonb, Nullable, Text, Timestamptz};
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::to_code;
use crate::schema::complaints;

/// A move to write: which case at which version, what changes, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseMove {
    pub id: Uuid,
    /// The version the move was worked out from.
    pub version: i64,
    /// The version the case has after it (one more per move; merged moves count each).
    pub new_version: i64,
    pub change: CaseChange,
    pub at: DateTime<Utc>,
}

/// PostgreSQL: every move in one statement, from arrays.
const UPDATE_FROM_ARRAYS: &str = "UPDATE complaints AS c SET state = m.state, \
     waiting_on_consumer = m.waiting, outcome = m.outcome, closed_at = m.closed_at, \
     escalated_at = m.escalated_at, assigned_officer = m.officer, due_at = m.due_at, \
     wake_at = m.wake_at, clocks = m.clocks, version = m.new_version, updated_at = m.at, \
     first_response_at = m.first_response_at, reopened_at = m.reopened_at, \
     info_requests = m.info_requests \
     FROM unnest($1::uuid[], $2::int8[], $3::text[], $4::bool[], $5::text[], $6::timestamptz[], \
     $7::timestamptz[], $8::uuid[], $9::timestamptz[], $10::timestamptz[], $11::jsonb[], \
     $12::timestamptz[], $13::int8[], $14::timestamptz[], $15::timestamptz[], $16::int4[]) AS m(id, \
     version, state, waiting, outcome, closed_at, escalated_at, officer, due_at, wake_at, \
     clocks, at, new_version, first_response_at, reopened_at, info_requests) \
     WHERE c.id = m.id AND c.version = m.version";

/// Writes `moves` (at most one per case); `StaleVersion` if any case changed since it was read.
pub fn record_moves(conn: &mut DbConnection, moves: &[CaseMove]) -> Result<(), StoreError> {
    let Some(first) = moves.first() else {
        return Ok(());
    };
    let written = match conn {
        DbConnection::Pg(pg) => {
            let clocks = |m: &CaseMove| serde_json::to_value(&m.change.clocks).unwrap_or_default();
            diesel::sql_query(UPDATE_FROM_ARRAYS)
                .bind::<Array<diesel::sql_types::Uuid>, _>(
                    moves.iter().map(|m| m.id).collect::<Vec<_>>(),
                )
                .bind::<Array<BigInt>, _>(moves.iter().map(|m| m.version).collect::<Vec<_>>())
                .bind::<Array<Text>, _>(
                    moves
                        .iter()
                        .map(|m| to_code(&m.change.state))
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Bool>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.waiting_on_consumer)
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Nullable<Text>>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.outcome.as_ref().map(to_code))
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Nullable<Timestamptz>>, _>(
                    moves.iter().map(|m| m.change.closed_at).collect::<Vec<_>>(),
                )
                .bind::<Array<Nullable<Timestamptz>>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.escalated_at)
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Nullable<diesel::sql_types::Uuid>>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.assigned_officer)
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Nullable<Timestamptz>>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.clocks.next_due())
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Nullable<Timestamptz>>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.clocks.next_wake())
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Jsonb>, _>(moves.iter().map(clocks).collect::<Vec<_>>())
                .bind::<Array<Timestamptz>, _>(moves.iter().map(|m| m.at).collect::<Vec<_>>())
                .bind::<Array<BigInt>, _>(moves.iter().map(|m| m.new_version).collect::<Vec<_>>())
                .bind::<Array<Nullable<Timestamptz>>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.first_response_at)
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<Nullable<Timestamptz>>, _>(
                    moves
                        .iter()
                        .map(|m| m.change.reopened_at)
                        .collect::<Vec<_>>(),
                )
                .bind::<Array<diesel::sql_types::Integer>, _>(
                    moves
                        .iter()
                        .map(|m| i32::try_from(m.change.info_requests).unwrap_or(i32::MAX))
                        .collect::<Vec<_>>(),
                )
                .execute(pg)?
        }
        DbConnection::Sqlite(_) => {
            let mut written = 0;
            for m in moves {
                written += write_one(conn, m)?;
            }
            written
        }
    };
    if written == moves.len() {
        Ok(())
    } else {
        Err(StoreError::StaleVersion {
            current: first.version,
        })
    }
}

fn write_one(conn: &mut DbConnection, m: &CaseMove) -> Result<usize, StoreError> {
    let change = &m.change;
    Ok(diesel::update(
        complaints::table
            .filter(complaints::id.eq(DbId(m.id)))
            .filter(complaints::version.eq(m.version)),
    )
    .set((
        complaints::state.eq(to_code(&change.state)),
        complaints::waiting_on_consumer.eq(change.waiting_on_consumer),
        complaints::outcome.eq(change.outcome.as_ref().map(to_code)),
        complaints::closed_at.eq(change.closed_at.map(DbTime::new)),
        complaints::escalated_at.eq(change.escalated_at.map(DbTime::new)),
        complaints::first_response_at.eq(change.first_response_at.map(DbTime::new)),
        complaints::reopened_at.eq(change.reopened_at.map(DbTime::new)),
        complaints::info_requests.eq(i32::try_from(change.info_requests).unwrap_or(i32::MAX)),
        complaints::assigned_officer.eq(change.assigned_officer.map(DbId)),
        complaints::due_at.eq(change.clocks.next_due().map(DbTime::new)),
        complaints::wake_at.eq(change.clocks.next_wake().map(DbTime::new)),
        complaints::clocks.eq(DbJson(
            serde_json::to_value(&change.clocks).unwrap_or_default(),
        )),
        complaints::version.eq(m.new_version),
        complaints::updated_at.eq(DbTime::new(m.at)),
    ))
    .execute(conn)?)
}
