//! The respondents: shops, marketplaces and the sellers on them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Dbid, TradeLicence, WebDomain};
use crate::contact::{Email, PhoneNumber};
use crate::text::{Line, Name};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BusinessKind {
    Shop,
    Marketplace,
    /// Sells through a marketplace; always names that marketplace as its parent.
    Seller,
}

/// Only an `active` business can be named in a new complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BusinessStatus {
    Active,
    Suspended,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    pub email: Option<Email>,
    pub phone: Option<PhoneNumber>,
    pub address: Option<Line<500>>,
}

/// What a coordinator supplies to register or replace a business's details.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBusiness {
    pub legal_name: Name,
    pub trade_names: Vec<Name>,
    pub web_domains: Vec<WebDomain>,
    pub dbid: Option<Dbid>,
    pub trade_licence: Option<TradeLicence>,
    pub kind: BusinessKind,
    pub parent_id: Option<Uuid>,
    pub status: BusinessStatus,
    pub contact: Contact,
}

/// Why a business's parent link is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentProblem {
    /// A seller must name the marketplace it sells on.
    SellerWithoutMarketplace,
    /// Only sellers have a parent.
    ParentNotAllowed,
    /// The named parent is not a registered marketplace.
    ParentNotMarketplace,
}

impl NewBusiness {
    /// Checks the parent link, given the parent's kind as found in the registry (`None`: not found).
    pub fn check_parent(&self, parent_kind: Option<BusinessKind>) -> Result<(), ParentProblem> {
        match (self.kind, self.parent_id, parent_kind) {
            (BusinessKind::Seller, None, _) => Err(ParentProblem::SellerWithoutMarketplace),
            (BusinessKind::Seller, Some(_), Some(BusinessKind::Marketplace)) => Ok(()),
            (BusinessKind::Seller, Some(_), _) => Err(ParentProblem::ParentNotMarketplace),
            (_, Some(_), _) => Err(ParentProblem::ParentNotAllowed),
            (_, None, _) => Ok(()),
        }
    }

    /// Lower-cased names joined for substring search; computed here so both databases agree
    /// on case folding (SQLite's `lower` only folds ASCII).
    pub fn search_text(&self) -> String {
        std::iter::once(&self.legal_name)
            .chain(&self.trade_names)
            .map(|name| name.as_str().to_lowercase())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Business {
    pub id: Uuid,
    pub details: NewBusiness,
    /// Bumped on every change; `If-Match` compares against it.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Business {
    pub fn is_active(&self) -> bool {
        self.details.status == BusinessStatus::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn business(kind: BusinessKind, parent_id: Option<Uuid>) -> NewBusiness {
        NewBusiness {
            legal_name: Name::parse("Daraz Bangladesh Ltd.").unwrap(),
            trade_names: vec![Name::parse("দারাজ").unwrap()],
            web_domains: vec![],
            dbid: None,
            trade_licence: None,
            kind,
            parent_id,
            status: BusinessStatus::Active,
            contact: Contact::default(),
        }
    }

    #[test]
    fn a_seller_must_sell_on_a_registered_marketplace() {
        let parent = Some(Uuid::nil());
        let seller = business(BusinessKind::Seller, parent);
        assert_eq!(seller.check_parent(Some(BusinessKind::Marketplace)), Ok(()));
        assert_eq!(
            seller.check_parent(Some(BusinessKind::Shop)),
            Err(ParentProblem::ParentNotMarketplace)
        );
        assert_eq!(
            seller.check_parent(None),
            Err(ParentProblem::ParentNotMarketplace)
        );
        assert_eq!(
            business(BusinessKind::Seller, None).check_parent(None),
            Err(ParentProblem::SellerWithoutMarketplace)
        );
    }

    #[test]
    fn only_sellers_have_a_parent() {
        let shop = business(BusinessKind::Shop, Some(Uuid::nil()));
        assert_eq!(
            shop.check_parent(Some(BusinessKind::Marketplace)),
            Err(ParentProblem::ParentNotAllowed)
        );
        assert_eq!(
            business(BusinessKind::Marketplace, None).check_parent(None),
            Ok(())
        );
    }

    #[test]
    fn search_text_folds_case_of_every_name() {
        let text = business(BusinessKind::Shop, None).search_text();
        assert_eq!(text, "daraz bangladesh ltd.\nদারাজ");
    }
}
