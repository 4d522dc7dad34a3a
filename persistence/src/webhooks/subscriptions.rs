//! Subscriptions, listed per owner: a business sees its own, an agency its own.

use ccms_domain::delivery::{Owner, Subscription};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::DbConnection;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::registry::codes::{from_code, to_code};
use crate::schema::subscriptions;
use crate::{Page, PageRequest, StoreError};

#[derive(Queryable, Insertable)]
#[diesel(table_name = subscriptions)]
struct Row {
    id: DbId,
    owner_kind: String,
    owner: String,
    url: String,
    event_types: DbJson,
    description: Option<String>,
    secret_salt: String,
    status: String,
    failure_run: i32,
    failing_since: Option<DbTime>,
    disabled_reason: Option<String>,
    created_by: String,
    version: i64,
    created_at: DbTime,
    updated_at: DbTime,
}

fn owner_key(owner: &Owner) -> (&'static str, String) {
    match owner {
        Owner::Business(id) => ("business", id.to_string()),
        Owner::Agency(code) => ("agency", code.clone()),
    }
}

impl Row {
    fn from_domain(s: &Subscription) -> Row {
        let (kind, owner) = owner_key(&s.owner);
        Row {
            id: DbId(s.id),
            owner_kind: kind.to_owned(),
            owner,
            url: s.url.clone(),
            event_types: DbJson(serde_json::json!(s.event_types)),
            description: s.description.clone(),
            secret_salt: s.secret_salt.clone(),
            status: to_code(&s.status),
            failure_run: i32::try_from(s.failure_run).unwrap_or(i32::MAX),
            failing_since: s.failing_since.map(DbTime::new),
            disabled_reason: s.disabled_reason.clone(),
            created_by: s.created_by.clone(),
            version: s.version,
            created_at: DbTime::new(s.created_at),
            updated_at: DbTime::new(s.updated_at),
        }
    }

    fn into_domain(self) -> Result<Subscription, StoreError> {
        let owner = match self.owner_kind.as_str() {
            "business" => Owner::Business(
                Uuid::parse_str(&self.owner).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            ),
            _ => Owner::Agency(self.owner),
        };
        Ok(Subscription {
            id: self.id.0,
            owner,
            url: self.url,
            event_types: serde_json::from_value(self.event_types.0)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            description: self.description,
            secret_salt: self.secret_salt,
            status: from_code(&self.status)?,
            failure_run: u32::try_from(self.failure_run).unwrap_or(0),
            failing_since: self.failing_since.map(|t| t.0),
            disabled_reason: self.disabled_reason,
            created_by: self.created_by,
            version: self.version,
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
        })
    }
}

pub fn insert(conn: &mut DbConnection, subscription: &Subscription) -> Result<(), StoreError> {
    diesel::insert_into(subscriptions::table)
        .values(Row::from_domain(subscription))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Subscription, StoreError> {
    let row: Row = subscriptions::table.find(DbId(id)).first(conn)?;
    row.into_domain()
}

/// Whose subscriptions a list shows.
#[derive(Debug, Clone)]
pub enum Listing {
    /// One owner's.
    Of(Owner),
    /// Every agency's (for coordinators, who configure agencies' endpoints).
    Agencies,
    /// Every one (for auditors, who read them).
    All,
}

/// Subscriptions, oldest first, one page at a time.
pub fn list(
    conn: &mut DbConnection,
    listing: &Listing,
    page: &PageRequest,
) -> Result<Page<Subscription>, StoreError> {
    let limit = page.limit();
    let mut query = subscriptions::table
        .order(subscriptions::id.asc())
        .limit(limit + 1)
        .into_boxed();
    match listing {
        Listing::Of(owner) => {
            let (kind, key) = owner_key(owner);
            query = query
                .filter(subscriptions::owner_kind.eq(kind))
                .filter(subscriptions::owner.eq(key));
        }
        Listing::Agencies => query = query.filter(subscriptions::owner_kind.eq("agency")),
        Listing::All => {}
    }
    if let Some(after) = page.after()? {
        query = query.filter(subscriptions::id.gt(DbId(after)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items = rows
        .into_iter()
        .map(Row::into_domain)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(items, limit, |s| s.id))
}

/// An owner's subscriptions, active or disabled: those an event is queued for.
pub fn of_owner(conn: &mut DbConnection, owner: &Owner) -> Result<Vec<Subscription>, StoreError> {
    let (kind, key) = owner_key(owner);
    let rows: Vec<Row> = subscriptions::table
        .filter(subscriptions::owner_kind.eq(kind))
        .filter(subscriptions::owner.eq(key))
        .order(subscriptions::id.asc())
        .load(conn)?;
    rows.into_iter().map(Row::into_domain).collect()
}

/// Writes a changed subscription (status, failure run, salt), if it is still at `version`.
pub fn update(
    conn: &mut DbConnection,
    after: &Subscription,
    version: i64,
) -> Result<(), StoreError> {
    let row = Row::from_domain(after);
    let changed = diesel::update(
        subscriptions::table
            .filter(subscriptions::id.eq(DbId(after.id)))
            .filter(subscriptions::version.eq(version)),
    )
    .set((
        subscriptions::status.eq(row.status),
        subscriptions::failure_run.eq(row.failure_run),
        subscriptions::failing_since.eq(row.failing_since),
        subscriptions::disabled_reason.eq(row.disabled_reason),
        subscriptions::secret_salt.eq(row.secret_salt),
        subscriptions::version.eq(version + 1),
        subscriptions::updated_at.eq(row.updated_at),
    ))
    .execute(conn)?;
    if changed == 0 {
        let current = find(conn, after.id)?.version;
        return Err(StoreError::StaleVersion { current });
    }
    Ok(())
}

/// Counts one round's outcome for the subscription: a success ends its run of failures, a
/// failure lengthens it (and starts it at `at`). Returns the run and when it began. Atomic, so
/// concurrent dispatchers never lose a count.
pub fn count_round(
    conn: &mut DbConnection,
    id: Uuid,
    succeeded: bool,
    at: DateTime<Utc>,
) -> Result<(u32, Option<DateTime<Utc>>), StoreError> {
    let target = subscriptions::table.filter(subscriptions::id.eq(DbId(id)));
    if succeeded {
        diesel::update(target)
            .set((
                subscriptions::failure_run.eq(0),
                subscriptions::failing_since.eq(None::<DbTime>),
            ))
            .execute(conn)?;
        return Ok((0, None));
    }
    diesel::update(target)
        .set(subscriptions::failure_run.eq(subscriptions::failure_run + 1))
        .execute(conn)?;
    diesel::update(target.filter(subscriptions::failing_since.is_null()))
        .set(subscriptions::failing_since.eq(DbTime::new(at)))
        .execute(conn)?;
    let (run, since): (i32, Option<DbTime>) = subscriptions::table
        .find(DbId(id))
        .select((subscriptions::failure_run, subscriptions::failing_since))
        .first(conn)?;
    Ok((u32::try_from(run).unwrap_or(0), since.map(|t| t.0)))
}

/// Removes a subscription with its deliveries and their log.
pub fn delete(conn: &mut DbConnection, id: Uuid) -> Result<(), StoreError> {
    diesel::delete(subscriptions::table.find(DbId(id))).execute(conn)?;
    Ok(())
}
