//! A business as stored, and its conversion to and from the domain type.

use ccms_domain::contact::{Email, PhoneNumber};
use ccms_domain::registry::{Business, Contact, Dbid, NewBusiness, TradeLicence, WebDomain};
use ccms_domain::text::{Line, Name};
use diesel::prelude::*;
use uuid::Uuid;

use super::codes::{from_code, to_code};
use crate::StoreError;
use crate::db::types::{DbId, DbJson, DbTime};
use crate::schema::businesses;

#[derive(Queryable, Insertable, AsChangeset)]
#[diesel(table_name = businesses, treat_none_as_null = true)]
pub(super) struct Row {
    pub id: DbId,
    legal_name: String,
    trade_names: DbJson,
    dbid: Option<String>,
    trade_licence: Option<String>,
    kind: String,
    parent_id: Option<DbId>,
    status: String,
    contact_email: Option<String>,
    contact_phone: Option<String>,
    address: Option<String>,
    search_text: String,
    version: i64,
    created_at: DbTime,
    updated_at: DbTime,
}

impl Row {
    pub fn new(
        id: Uuid,
        b: &NewBusiness,
        version: i64,
        created: DbTime,
        updated: DbTime,
    ) -> Result<Row, StoreError> {
        let trade_names: Vec<&str> = b.trade_names.iter().map(Name::as_str).collect();
        Ok(Row {
            id: DbId(id),
            legal_name: b.legal_name.as_str().to_owned(),
            trade_names: DbJson(
                serde_json::to_value(trade_names)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            ),
            dbid: b.dbid.as_ref().map(|d| d.as_str().to_owned()),
            trade_licence: b.trade_licence.as_ref().map(|t| t.as_str().to_owned()),
            kind: to_code(&b.kind),
            parent_id: b.parent_id.map(DbId),
            status: to_code(&b.status),
            contact_email: b.contact.email.as_ref().map(|e| e.as_str().to_owned()),
            contact_phone: b.contact.phone.as_ref().map(|p| p.as_str().to_owned()),
            address: b.contact.address.as_ref().map(|a| a.as_str().to_owned()),
            search_text: b.search_text(),
            version,
            created_at: created,
            updated_at: updated,
        })
    }

    pub fn into_domain(self, web_domains: Vec<WebDomain>) -> Result<Business, StoreError> {
        let id = self.id.0;
        let corrupt = |_| StoreError::Corrupt(format!("business {id}"));
        let names: Vec<String> = serde_json::from_value(self.trade_names.0)
            .map_err(|_| StoreError::Corrupt(format!("trade names of business {id}")))?;
        Ok(Business {
            id,
            details: NewBusiness {
                legal_name: Name::parse(&self.legal_name).map_err(corrupt)?,
                trade_names: names
                    .iter()
                    .map(|n| Name::parse(n))
                    .collect::<Result<_, _>>()
                    .map_err(corrupt)?,
                web_domains,
                dbid: self
                    .dbid
                    .as_deref()
                    .map(Dbid::parse)
                    .transpose()
                    .map_err(corrupt)?,
                trade_licence: self
                    .trade_licence
                    .as_deref()
                    .map(TradeLicence::parse)
                    .transpose()
                    .map_err(corrupt)?,
                kind: from_code(&self.kind)?,
                parent_id: self.parent_id.map(|p| p.0),
                status: from_code(&self.status)?,
                contact: Contact {
                    email: self
                        .contact_email
                        .as_deref()
                        .map(Email::parse)
                        .transpose()
                        .map_err(corrupt)?,
                    phone: self
                        .contact_phone
                        .as_deref()
                        .map(PhoneNumber::parse)
                        .transpose()
                        .map_err(corrupt)?,
                    address: self
                        .address
                        .as_deref()
                        .map(Line::parse)
                        .transpose()
                        .map_err(corrupt)?,
                },
            },
            version: self.version,
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
        })
    }
}
