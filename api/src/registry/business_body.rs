//! Business requests and answers as JSON.

use ccms_domain::contact::{Email, PhoneNumber};
use ccms_domain::registry::{
    Business, BusinessKind, BusinessStatus, Contact, Dbid, NewBusiness, ParentProblem,
    TradeLicence, WebDomain,
};
use ccms_domain::text::{Line, Name, TEXT_PATTERN};
use ccms_domain::{Collector, FieldError, Invalid};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::schema::{Array, ArrayBuilder, ObjectBuilder, SchemaType, Type};
use uuid::Uuid;
use validator::Validate;

/// For PATCH bodies: an absent field is `None`, an explicit `null` is `Some(None)` (clear it).
pub fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A registered business: a shop, a marketplace, or a seller on a marketplace.
#[derive(Debug, Serialize, ToSchema)]
pub struct BusinessView {
    pub id: Uuid,
    pub legal_name: String,
    pub trade_names: Vec<String>,
    pub web_domains: Vec<String>,
    /// Digital Business Identity issued by RJSC.
    pub dbid: Option<String>,
    pub trade_licence: Option<String>,
    pub kind: BusinessKind,
    /// The marketplace a seller sells on.
    pub parent_id: Option<Uuid>,
    pub status: BusinessStatus,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub address: Option<String>,
    /// Send back in `If-Match` (as the ETag) to update.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn text<T>(values: &[T], as_str: impl Fn(&T) -> &str) -> Vec<String> {
    values.iter().map(|v| as_str(v).to_owned()).collect()
}

impl From<Business> for BusinessView {
    fn from(business: Business) -> BusinessView {
        let d = business.details;
        BusinessView {
            id: business.id,
            legal_name: d.legal_name.as_str().to_owned(),
            trade_names: text(&d.trade_names, Name::as_str),
            web_domains: text(&d.web_domains, WebDomain::as_str),
            dbid: d.dbid.map(|v| v.as_str().to_owned()),
            trade_licence: d.trade_licence.map(|v| v.as_str().to_owned()),
            kind: d.kind,
            parent_id: d.parent_id,
            status: d.status,
            contact_email: d.contact.email.map(|v| v.as_str().to_owned()),
            contact_phone: d.contact.phone.map(|v| v.as_str().to_owned()),
            address: d.contact.address.map(|v| v.as_str().to_owned()),
            version: business.version,
            created_at: business.created_at,
            updated_at: business.updated_at,
        }
    }
}

/// Registers a business. Web domains and the DBID must not belong to another business.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewBusinessBody {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$",
        example = "Bazaar Bangla Ltd."
    )]
    pub legal_name: String,
    #[serde(default)]
    #[validate(length(max = 10))]
    #[schema(schema_with = trade_names_schema, example = json!(["বাজার বাংলা"]))]
    pub trade_names: Vec<String>,
    /// Domains as people type them; `https://www.` and paths are dropped.
    #[serde(default)]
    #[validate(length(max = 10))]
    #[schema(schema_with = web_domains_schema, example = json!(["bazaarbangla.com.bd"]))]
    pub web_domains: Vec<String>,
    #[schema(pattern = "^[A-Za-z0-9-]{4,32}$", example = "DBID-2024-000117")]
    pub dbid: Option<String>,
    #[schema(pattern = "^[A-Za-z0-9/-]{3,40}$", example = "TRAD/DNCC/045712/2024")]
    pub trade_licence: Option<String>,
    pub kind: BusinessKind,
    /// Required for a `seller`: the marketplace it sells on. Not allowed for other kinds.
    pub parent_id: Option<Uuid>,
    #[serde(default = "active")]
    #[schema(default = "active")]
    pub status: BusinessStatus,
    #[schema(format = Email, max_length = 254)]
    pub contact_email: Option<String>,
    #[schema(
        pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$",
        example = "+8801712345678"
    )]
    pub contact_phone: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub address: Option<String>,
}

/// Up to ten strings, each with the given bounds (utoipa has no attribute for item bounds).
/// In a PATCH body the list may also be `null`, meaning "unchanged".
fn bounded_list(max_length: usize, pattern: &str, nullable: bool) -> Array {
    let item = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(max_length))
        .pattern(Some(pattern));
    let list = if nullable {
        SchemaType::from_iter([Type::Array, Type::Null])
    } else {
        Type::Array.into()
    };
    ArrayBuilder::new()
        .schema_type(list)
        .items(item)
        .max_items(Some(10))
        .build()
}

fn trade_names_schema() -> Array {
    bounded_list(200, TEXT_PATTERN, false)
}

fn web_domains_schema() -> Array {
    bounded_list(253, WebDomain::PATTERN, false)
}

fn trade_names_change_schema() -> Array {
    bounded_list(200, TEXT_PATTERN, true)
}

fn web_domains_change_schema() -> Array {
    bounded_list(253, WebDomain::PATTERN, true)
}

fn active() -> BusinessStatus {
    BusinessStatus::Active
}

/// Changes some of a business's details; absent fields stay as they are, `null` clears.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BusinessChanges {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$"
    )]
    pub legal_name: Option<String>,
    #[validate(length(max = 10))]
    #[schema(schema_with = trade_names_change_schema)]
    pub trade_names: Option<Vec<String>>,
    #[validate(length(max = 10))]
    #[schema(schema_with = web_domains_change_schema)]
    pub web_domains: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = "^[A-Za-z0-9-]{4,32}$")]
    pub dbid: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = "^[A-Za-z0-9/-]{3,40}$")]
    pub trade_licence: Option<Option<String>>,
    pub kind: Option<BusinessKind>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    pub status: Option<BusinessStatus>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub contact_email: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, pattern = r"^(\+880|880|0|\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$")]
    pub contact_phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 500, pattern = r"^[^\x00]*[^\x00 \t\n\r][^\x00]*$")]
    pub address: Option<Option<String>>,
}

fn each<T>(
    errors: &mut Collector,
    field: &str,
    raw: &[String],
    parse: fn(&str) -> Result<T, Invalid>,
) -> Option<Vec<T>> {
    let parsed: Vec<Option<T>> = raw
        .iter()
        .enumerate()
        .map(|(i, value)| errors.take(&format!("{field}[{i}]"), parse(value)))
        .collect();
    parsed.into_iter().collect()
}

fn optional<T>(
    errors: &mut Collector,
    field: &str,
    raw: Option<&str>,
    parse: fn(&str) -> Result<T, Invalid>,
) -> Option<Option<T>> {
    errors.take(field, raw.map(parse).transpose())
}

impl NewBusinessBody {
    pub fn parse(self) -> Result<NewBusiness, Invalid> {
        let mut errors = Collector::default();
        let legal_name = errors.take("legal_name", Name::parse(&self.legal_name));
        let trade_names = each(&mut errors, "trade_names", &self.trade_names, Name::parse);
        let web_domains = each(
            &mut errors,
            "web_domains",
            &self.web_domains,
            WebDomain::parse,
        );
        let dbid = optional(&mut errors, "dbid", self.dbid.as_deref(), Dbid::parse);
        let licence = optional(
            &mut errors,
            "trade_licence",
            self.trade_licence.as_deref(),
            TradeLicence::parse,
        );
        let email = optional(
            &mut errors,
            "contact_email",
            self.contact_email.as_deref(),
            Email::parse,
        );
        let phone = optional(
            &mut errors,
            "contact_phone",
            self.contact_phone.as_deref(),
            PhoneNumber::parse,
        );
        let address = optional(&mut errors, "address", self.address.as_deref(), Line::parse);
        let (
            Some(legal_name),
            Some(trade_names),
            Some(mut web_domains),
            Some(dbid),
            Some(trade_licence),
            Some(email),
            Some(phone),
            Some(address),
        ) = (
            legal_name,
            trade_names,
            web_domains,
            dbid,
            licence,
            email,
            phone,
            address,
        )
        else {
            return Err(errors.into_invalid());
        };
        let mut seen = std::collections::HashSet::new();
        web_domains.retain(|domain| seen.insert(domain.clone()));
        Ok(NewBusiness {
            legal_name,
            trade_names,
            web_domains,
            dbid,
            trade_licence,
            kind: self.kind,
            parent_id: self.parent_id,
            status: self.status,
            contact: Contact {
                email,
                phone,
                address,
            },
        })
    }
}

fn raw<T>(value: &Option<T>, as_str: impl Fn(&T) -> &str) -> Option<String> {
    value.as_ref().map(|v| as_str(v).to_owned())
}

impl BusinessChanges {
    /// The business's details with these changes applied, checked like a new business.
    pub fn apply_to(self, current: &Business) -> Result<NewBusiness, Invalid> {
        let d = &current.details;
        NewBusinessBody {
            legal_name: self
                .legal_name
                .unwrap_or_else(|| d.legal_name.as_str().to_owned()),
            trade_names: self
                .trade_names
                .unwrap_or_else(|| text(&d.trade_names, Name::as_str)),
            web_domains: self
                .web_domains
                .unwrap_or_else(|| text(&d.web_domains, WebDomain::as_str)),
            dbid: self.dbid.unwrap_or_else(|| raw(&d.dbid, Dbid::as_str)),
            trade_licence: self
                .trade_licence
                .unwrap_or_else(|| raw(&d.trade_licence, TradeLicence::as_str)),
            kind: self.kind.unwrap_or(d.kind),
            parent_id: self.parent_id.unwrap_or(d.parent_id),
            status: self.status.unwrap_or(d.status),
            contact_email: self
                .contact_email
                .unwrap_or_else(|| raw(&d.contact.email, Email::as_str)),
            contact_phone: self
                .contact_phone
                .unwrap_or_else(|| raw(&d.contact.phone, PhoneNumber::as_str)),
            address: self
                .address
                .unwrap_or_else(|| raw(&d.contact.address, Line::as_str)),
        }
        .parse()
    }
}

/// A wrong parent link as a field error on `parent_id`.
pub fn parent_invalid(problem: ParentProblem) -> Invalid {
    let rule = match problem {
        ParentProblem::SellerWithoutMarketplace => "seller_needs_marketplace",
        ParentProblem::ParentNotAllowed => "parent_not_allowed",
        ParentProblem::ParentNotMarketplace => "parent_not_marketplace",
    };
    Invalid(vec![FieldError::new("parent_id", rule)])
}
