//! Request bodies built in steps, so each test states only what matters to it.

use serde_json::{Value, json};
use uuid::Uuid;

/// A business registration body; unique domain and DBID unless told otherwise.
pub struct BusinessBuilder(Value);

pub fn business() -> BusinessBuilder {
    let tag = Uuid::now_v7().simple().to_string();
    let short = &tag[tag.len() - 10..];
    BusinessBuilder(json!({
        "legal_name": format!("Test Traders {short} Ltd."),
        "trade_names": [format!("টেস্ট {short}")],
        "web_domains": [format!("shop-{short}.com.bd")],
        "dbid": format!("DBID-{short}"),
        "kind": "shop",
        "contact_phone": "01711000000",
    }))
}

impl BusinessBuilder {
    pub fn set(mut self, field: &str, value: Value) -> BusinessBuilder {
        self.0[field] = value;
        self
    }

    pub fn named(self, name: &str) -> BusinessBuilder {
        self.set("legal_name", json!(name))
    }

    pub fn marketplace(self) -> BusinessBuilder {
        self.set("kind", json!("marketplace"))
    }

    pub fn seller_on(self, marketplace: &str) -> BusinessBuilder {
        self.set("kind", json!("seller"))
            .set("parent_id", json!(marketplace))
    }

    pub fn suspended(self) -> BusinessBuilder {
        self.set("status", json!("suspended"))
    }

    pub fn json(self) -> Value {
        self.0
    }
}

/// An agency registration body with a fresh code.
pub fn agency(code: &str) -> Value {
    json!({
        "code": code,
        "name_en": format!("Test Agency {code}"),
        "name_bn": format!("পরীক্ষা সংস্থা {code}"),
        "kind": "regulator",
        "contact_email": "desk@agency.example.gov.bd",
    })
}

/// A staff account body: `role` at `email`, password `correct horse battery staple`.
pub fn staff(role: &str, email: &str) -> Value {
    json!({
        "role": role,
        "email": email,
        "display_name": format!("Test {role}"),
        "password": STAFF_PASSWORD,
    })
}

pub const STAFF_PASSWORD: &str = "correct horse battery staple";

/// A complaint body against `business_id`, filed `days_ago` days after the incident date.
pub fn complaint(business_id: &str, incident_date: &str) -> Value {
    json!({
        "business_id": business_id,
        "category": "non_delivery",
        "subject": "Phone never arrived",
        "description": "I paid in full by bKash on the order date and nothing was delivered.",
        "order_reference": format!("ORD-{}", &Uuid::now_v7().simple().to_string()[20..]),
        "order_date": incident_date,
        "incident_date": incident_date,
        "amount_paid": 1_850_000,
        "amount_claimed": 1_850_000,
        "payment_method": "bkash",
        "desired_remedy": "refund",
    })
}

/// A `propose_resolution` with `note`: a refund of Tk 1,500 promised three days after `now`'s
/// date in Dhaka.
pub fn proposal(now: chrono::DateTime<chrono::Utc>, note: &str) -> Value {
    let promised = (now + chrono::Duration::hours(6) + chrono::Duration::days(3)).date_naive();
    json!({
        "action": "propose_resolution",
        "note": note,
        "remedy": {"kind": "refund", "amount_poisha": 150_000, "promised_by": promised},
    })
}
