//! What went wrong, as DOMAIN.md lists it, with the labels people read in both languages.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[derive(strum::VariantArray, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Category {
    NonDelivery,
    LateDelivery,
    WrongItem,
    DefectiveItem,
    CounterfeitItem,
    RefundNotPaid,
    Overcharging,
    OfferNotHonoured,
    MisleadingAdvertisement,
    PaymentProblem,
    ProhibitedProduct,
    DataMisuse,
    Other,
}

/// Each category with its English and Bangla label.
pub const CATEGORIES: &[(Category, &str, &str)] = &[
    (
        Category::NonDelivery,
        "Product not delivered",
        "পণ্য সরবরাহ করা হয়নি",
    ),
    (Category::LateDelivery, "Late delivery", "বিলম্বে সরবরাহ"),
    (Category::WrongItem, "Wrong item delivered", "ভুল পণ্য সরবরাহ"),
    (
        Category::DefectiveItem,
        "Defective or damaged item",
        "ত্রুটিপূর্ণ বা ক্ষতিগ্রস্ত পণ্য",
    ),
    (Category::CounterfeitItem, "Counterfeit item", "নকল পণ্য"),
    (
        Category::RefundNotPaid,
        "Refund not paid",
        "টাকা ফেরত দেওয়া হয়নি",
    ),
    (
        Category::Overcharging,
        "Overcharging or hidden charges",
        "অতিরিক্ত মূল্য বা গোপন চার্জ",
    ),
    (
        Category::OfferNotHonoured,
        "Promised cashback or offer not honoured",
        "প্রতিশ্রুত ক্যাশব্যাক বা অফার দেওয়া হয়নি",
    ),
    (
        Category::MisleadingAdvertisement,
        "Misleading advertisement",
        "বিভ্রান্তিকর বিজ্ঞাপন",
    ),
    (
        Category::PaymentProblem,
        "Payment problem",
        "পেমেন্ট সংক্রান্ত সমস্যা",
    ),
    (
        Category::ProhibitedProduct,
        "Prohibited or unlicensed product",
        "নিষিদ্ধ বা লাইসেন্সবিহীন পণ্য",
    ),
    (
        Category::DataMisuse,
        "Misuse of personal data",
        "ব্যক্তিগত তথ্যের অপব্যবহার",
    ),
    (Category::Other, "Other", "অন্যান্য"),
];

impl Category {
    /// Every category (derived: a new variant is listed by itself; the test below then asks
    /// for its labels).
    pub const ALL: &'static [Category] = <Category as strum::VariantArray>::VARIANTS;

    /// The code callers use, as serde writes it too.
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn labels(self) -> (&'static str, &'static str) {
        CATEGORIES
            .iter()
            .find(|(category, _, _)| *category == self)
            .map(|(_, en, bn)| (*en, *bn))
            .unwrap_or(("Other", "অন্যান্য"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_both_labels_once() {
        assert_eq!(CATEGORIES.len(), Category::ALL.len());
        for &category in Category::ALL {
            assert!(
                CATEGORIES.iter().any(|(c, _, _)| *c == category),
                "{category:?}"
            );
            assert_eq!(serde_json::to_value(category).unwrap(), category.code());
        }
        for (category, en, bn) in CATEGORIES {
            assert_eq!(category.labels(), (*en, *bn));
            assert_eq!(
                CATEGORIES.iter().filter(|(c, _, _)| c == category).count(),
                1
            );
        }
    }
}
