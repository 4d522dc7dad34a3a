use ccms_domain::contact::PhoneNumber;
use ccms_domain::identity::OtpChallenge;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::StoreError;
use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::otp_challenges;

/// A stored challenge: its id, the hash of its code, and its state.
pub struct StoredChallenge {
    pub id: Uuid,
    pub code_hash: String,
    pub challenge: OtpChallenge,
}

/// Stores a new challenge; any earlier live one for the phone stops counting.
pub fn issue(
    conn: &mut DbConnection,
    phone: &PhoneNumber,
    code_hash: String,
    challenge: &OtpChallenge,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    diesel::update(
        otp_challenges::table
            .filter(otp_challenges::phone.eq(phone.as_str()))
            .filter(otp_challenges::consumed.eq(false)),
    )
    .set(otp_challenges::consumed.eq(true))
    .execute(conn)?;
    let id = Uuid::now_v7();
    diesel::insert_into(otp_challenges::table)
        .values((
            otp_challenges::id.eq(DbId(id)),
            otp_challenges::phone.eq(phone.as_str()),
            otp_challenges::code_hash.eq(code_hash),
            otp_challenges::expires_at.eq(DbTime::new(challenge.expires_at)),
            otp_challenges::attempts_left.eq(i32::try_from(challenge.attempts_left).unwrap_or(0)),
            otp_challenges::consumed.eq(challenge.consumed),
            otp_challenges::created_at.eq(DbTime::new(now)),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The newest challenge sent to `phone`, if any.
pub fn latest(
    conn: &mut DbConnection,
    phone: &PhoneNumber,
) -> Result<Option<StoredChallenge>, StoreError> {
    let row: Option<(DbId, String, DbTime, i32, bool)> = otp_challenges::table
        .filter(otp_challenges::phone.eq(phone.as_str()))
        .order(otp_challenges::created_at.desc())
        .select((
            otp_challenges::id,
            otp_challenges::code_hash,
            otp_challenges::expires_at,
            otp_challenges::attempts_left,
            otp_challenges::consumed,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(id, code_hash, expires_at, attempts_left, consumed)| StoredChallenge {
            id: id.0,
            code_hash,
            challenge: OtpChallenge {
                expires_at: expires_at.0,
                attempts_left: u32::try_from(attempts_left).unwrap_or(0),
                consumed,
            },
        },
    ))
}

/// Takes one attempt, if the challenge is live: one statement, so parallel tries cannot take
/// more attempts than there are. Returns the attempts left after it, or `None` if none was taken.
pub fn take_attempt(
    conn: &mut DbConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<u32>, StoreError> {
    let taken = diesel::update(
        otp_challenges::table
            .find(DbId(id))
            .filter(otp_challenges::attempts_left.gt(0))
            .filter(otp_challenges::consumed.eq(false))
            .filter(otp_challenges::expires_at.gt(DbTime::new(now))),
    )
    .set(otp_challenges::attempts_left.eq(otp_challenges::attempts_left - 1))
    .execute(conn)?;
    if taken == 0 {
        return Ok(None);
    }
    let left: i32 = otp_challenges::table
        .find(DbId(id))
        .select(otp_challenges::attempts_left)
        .first(conn)?;
    Ok(Some(u32::try_from(left).unwrap_or(0)))
}

/// Marks the challenge used; `false` if someone else used it first.
pub fn consume(conn: &mut DbConnection, id: Uuid) -> Result<bool, StoreError> {
    let used = diesel::update(
        otp_challenges::table
            .find(DbId(id))
            .filter(otp_challenges::consumed.eq(false)),
    )
    .set(otp_challenges::consumed.eq(true))
    .execute(conn)?;
    Ok(used == 1)
}
