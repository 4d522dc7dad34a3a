use ccms_domain::access::Role;
use ccms_domain::authority::assignment::Office;
use ccms_domain::contact::{Email, PhoneNumber};
use ccms_domain::identity::{Account, NewStaff};
use ccms_domain::registry::AgencyCode;
use ccms_domain::text::Name;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::DbConnection;
use crate::db::types::{DbId, DbTime};
use crate::schema::accounts;
use crate::{Page, PageRequest, StoreError};

#[derive(Queryable, Insertable)]
#[diesel(table_name = accounts)]
struct Row {
    id: DbId,
    role: String,
    email: Option<String>,
    phone: Option<String>,
    display_name: Option<String>,
    password_hash: Option<String>,
    business_id: Option<DbId>,
    agency_code: Option<String>,
    business_admin: bool,
    disabled: bool,
    created_at: DbTime,
    updated_at: DbTime,
    office: Option<String>,
}

impl Row {
    fn into_domain(self) -> Result<(Account, Option<String>), StoreError> {
        let id = self.id.0;
        let corrupt = |_| StoreError::Corrupt(format!("account {id}"));
        let account = Account {
            id,
            role: Role::from_code(&self.role)
                .ok_or_else(|| StoreError::Corrupt(format!("role of account {id}")))?,
            email: self
                .email
                .as_deref()
                .map(Email::parse)
                .transpose()
                .map_err(corrupt)?,
            phone: self
                .phone
                .as_deref()
                .map(PhoneNumber::parse)
                .transpose()
                .map_err(corrupt)?,
            display_name: self
                .display_name
                .as_deref()
                .map(Name::parse)
                .transpose()
                .map_err(corrupt)?,
            business_id: self.business_id.map(|b| b.0),
            agency: self
                .agency_code
                .as_deref()
                .map(AgencyCode::parse)
                .transpose()
                .map_err(corrupt)?,
            office: self
                .office
                .as_deref()
                .map(Office::parse)
                .transpose()
                .map_err(corrupt)?,
            business_admin: self.business_admin,
            disabled: self.disabled,
            created_at: self.created_at.0,
        };
        Ok((account, self.password_hash))
    }
}

/// Creates a staff account with an already hashed password.
pub fn create_staff(
    conn: &mut DbConnection,
    staff: &NewStaff,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<Account, StoreError> {
    let taken: i64 = accounts::table
        .filter(accounts::email.eq(staff.email.as_str()))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(StoreError::Conflict("email".into()));
    }
    let now = DbTime::new(now);
    let row = Row {
        id: DbId(Uuid::now_v7()),
        role: staff.role.code().to_owned(),
        email: Some(staff.email.as_str().to_owned()),
        phone: None,
        display_name: Some(staff.display_name.as_str().to_owned()),
        password_hash: Some(password_hash),
        business_id: staff.business_id.map(DbId),
        agency_code: staff.agency.as_ref().map(|a| a.as_str().to_owned()),
        business_admin: staff.business_admin,
        disabled: false,
        created_at: now,
        updated_at: now,
        office: staff.office.as_ref().map(|o| o.as_str().to_owned()),
    };
    let row: Row = diesel::insert_into(accounts::table)
        .values(row)
        .returning(accounts::all_columns)
        .get_result(conn)?;
    Ok(row.into_domain()?.0)
}

/// The consumer with this phone number, created on first sign-in; its row locked until the
/// transaction ends, as `lock` says.
pub fn consumer_for_phone(
    conn: &mut DbConnection,
    phone: &PhoneNumber,
    now: DateTime<Utc>,
) -> Result<Account, StoreError> {
    if let Some(row) = lock_by_phone(conn, phone.as_str())? {
        return Ok(row.into_domain()?.0);
    }
    let now = DbTime::new(now);
    let row = Row {
        id: DbId(Uuid::now_v7()),
        role: Role::Consumer.code().to_owned(),
        email: None,
        phone: Some(phone.as_str().to_owned()),
        display_name: None,
        password_hash: None,
        business_id: None,
        agency_code: None,
        business_admin: false,
        disabled: false,
        created_at: now,
        updated_at: now,
        office: None,
    };
    // Two first sign-ins for one number may race: the loser finds the winner's account.
    let insert = diesel::insert_into(accounts::table)
        .values(row)
        .on_conflict_do_nothing()
        .returning(accounts::all_columns);
    let created: Option<Row> = match conn {
        DbConnection::Pg(c) => insert.get_result(c).optional()?,
        DbConnection::Sqlite(c) => insert.get_result(c).optional()?,
    };
    let row = match created {
        Some(row) => row,
        None => lock_by_phone(conn, phone.as_str())?.ok_or(StoreError::NotFound)?,
    };
    Ok(row.into_domain()?.0)
}

/// A staff account and its password hash, by e-mail.
pub fn staff_by_email(
    conn: &mut DbConnection,
    email: &Email,
) -> Result<Option<(Account, Option<String>)>, StoreError> {
    let row: Option<Row> = accounts::table
        .filter(accounts::email.eq(email.as_str()))
        .first(conn)
        .optional()?;
    row.map(Row::into_domain).transpose()
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Account, StoreError> {
    let row: Row = accounts::table.find(DbId(id)).first(conn)?;
    Ok(row.into_domain()?.0)
}

/// The account, its row locked until the transaction ends (on PostgreSQL `FOR NO KEY
/// UPDATE`, which still lets other transactions insert rows that refer to it; on SQLite every
/// write transaction holds the database's write lock already).
pub fn lock(conn: &mut DbConnection, id: Uuid) -> Result<Account, StoreError> {
    let this = accounts::table.find(DbId(id));
    let row: Row = match conn {
        DbConnection::Pg(c) => this.for_no_key_update().first(c)?,
        DbConnection::Sqlite(c) => this.first(c)?,
    };
    Ok(row.into_domain()?.0)
}

/// The account with `phone`, if any, its row locked as `lock` says.
fn lock_by_phone(conn: &mut DbConnection, phone: &str) -> Result<Option<Row>, StoreError> {
    let this = accounts::table.filter(accounts::phone.eq(phone));
    Ok(match conn {
        DbConnection::Pg(c) => this.for_no_key_update().first(c).optional()?,
        DbConnection::Sqlite(c) => this.first(c).optional()?,
    })
}

/// Staff accounts (every role but consumers and partners), oldest first.
pub fn list_staff(
    conn: &mut DbConnection,
    page: &PageRequest,
) -> Result<Page<Account>, StoreError> {
    let limit = page.limit();
    let mut query = accounts::table
        .into_boxed()
        .filter(accounts::role.ne_all([Role::Consumer.code(), Role::Partner.code()]))
        .order(accounts::id.asc())
        .limit(limit + 1);
    if let Some(after) = page.after()? {
        query = query.filter(accounts::id.gt(DbId(after)));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let items = rows
        .into_iter()
        .map(|r| r.into_domain().map(|(a, _)| a))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_rows(items, limit, |a| a.id))
}

pub fn set_disabled(
    conn: &mut DbConnection,
    id: Uuid,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<Account, StoreError> {
    let row: Row = diesel::update(accounts::table.find(DbId(id)))
        .set((
            accounts::disabled.eq(disabled),
            accounts::updated_at.eq(DbTime::new(now)),
        ))
        .returning(accounts::all_columns)
        .get_result(conn)?;
    Ok(row.into_domain()?.0)
}

pub fn count_staff(conn: &mut DbConnection) -> Result<i64, StoreError> {
    Ok(accounts::table
        .filter(accounts::role.ne_all([Role::Consumer.code(), Role::Partner.code()]))
        .count()
        .get_result(conn)?)
}
